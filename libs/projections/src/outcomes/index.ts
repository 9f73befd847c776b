export * from './outcomes.types';
export * from './outcomes.projection';
export * from './outcomes.view';
export * from './outcomes.queries';
