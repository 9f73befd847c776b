export * from './projection';
export * from './document-table';
export * from './projection-runner';
export * from './read-models';
export * from './projections.module';
export * from './replay';
export * from './fold';
export * from './csv';
