export * from './budget.document';
export * from './budget.projection';
export * from './budget.queries';
export * from './budget.view';
