export * from './deadlines.types';
export * from './deadlines.projection';
export * from './deadline-rules';
export * from './deadlines.queries';
export * from './payment-deadlines';
