export * from './actuals.projection';
export * from './actuals.view';
export * from './actuals.queries';
export * from './spend.csv';
