export * from './scenario';
export * from './simulation';
export * from './timeline';
export * from './summaries';
