export * from './audit-log.projection';
