export * from './accepts-body';
export * from './input-boundary';
export * from './input-limits';
export * from './input-refused';
export { parseJsonField } from './json-text';
