export * from './pipeline.projection';
export * from './pipeline.view';
