export * from './actuals.projection';
export * from './actuals.view';
export * from './actuals.queries';
