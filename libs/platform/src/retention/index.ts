export { RetentionJob, type RetentionStep } from './retention-job';
export { RetentionModule, type RetentionModuleOptions } from './retention.module';
export { checkoutRetentionSetting, messageRetention, MIN_RETENTION_SECONDS, retentionOptions, retentionSettings, type RetentionOptions } from './retention-settings';
export { carryForward, createRetentionTables, dropRetentionTables, RETENTION_CUTOFF } from './retention-tables';
