export * from './scenario-2016-17';
export * from './simulation';
export * from './timeline';
export * from './summaries';
