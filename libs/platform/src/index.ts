export { bootstrapService, type ServiceDefinition } from './bootstrap/bootstrap';
export { DrainRegistry, type Drain } from './bootstrap/drain.registry';
export {
  brokerSettings,
  brokerDefaults,
  databaseSettings,
  databaseDefaults,
  DEFAULT_DATABASE_ADMIN_URL,
  databasePoolSize,
  serviceSettings,
  metricsSettings,
  faultRouteSettings,
  faultRouteOptions,
  replicaMetricsAddress,
  type MetricsAddress,
  LOOPBACK,
  DEFAULT_AMQP_URL,
  DEFAULT_DATABASE_NAME,
} from './config/common-config';
export { ConfigValidationError, env, loadConfig } from './config/env';
export {
  equalTo,
  isOnThisMachine,
  refusedDefaults,
  refusePublishedDefaults,
  sameLoginAs,
  type PublishedDefault,
} from './config/published-defaults';
export { FaultRoutes, type FaultRouteOptions } from './fault-routes/fault-routes';
export {
  ackFile,
  ACKS_DIR,
  readAck,
  readRoutes,
  ROUTES_FILE,
  type RouteAck,
  type RoutedDependency,
  type RoutesFile,
  withAddress,
  writeRoutes,
} from './fault-routes/routes-file';
export { DatabaseModule } from './database/database.module';
export { DatabaseService, type DatabaseOptions } from './database/database.service';
export { NeedsNoDatabase } from './database/database-ready.guard';
export { NotificationListener } from './database/notification-listener';
export { DatabaseUnavailableError } from './database/database-unavailable';
export { provisionDatabase, quoteIdent, quoteLiteral, underServerLock, type ProvisionOptions } from './database/provision';
export { AppError, NotFoundError, ValidationFailedError } from './errors/app-error';
export { ErrorFilter, type ErrorBody } from './errors/error.filter';
export { HealthController } from './health/health.controller';
export { ReadinessRegistry, type CheckOutcome, type ReadinessCheck } from './health/readiness.registry';
export { MetricsService } from './metrics/metrics.service';
export { httpRequestsCounter } from './metrics/http-metrics.middleware';
export { MetricsController } from './metrics/metrics.controller';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { validate } from './validation/validate';
export { sameSecret } from './security/same-secret';
export { ConcurrencyConflictError, isRetryableConflict, retryOnConflict } from './database/concurrency';
export { PollingLoop, type PollingLoopOptions, type PollingPass } from './polling/polling-loop';
export { DeadlineLoop, type DeadlineLoopOptions, type DeadlinePass } from './polling/deadline-loop';
export { TraceAwareLogger } from './logging/trace-aware.logger';
export { activeTraceparent, contextOfTraceparent, currentCheckoutId, inUnsampledTrace, withCheckoutId } from './tracing/trace-context';
export { recordWait, WAIT_ATTRIBUTE, type WaitKind } from './tracing/wait-span';
export {
  secretsSettings,
  vaultAccess,
  vaultTokenDefaults,
  devVaultToken,
  DEFAULT_VAULT_ADDR,
  type VaultAccess,
} from './secrets/secrets-settings';
export { VaultClient, VaultUnavailableError, type DatabaseLease } from './secrets/vault.client';
export { LeaseKeeper, type LeaseStatus } from './secrets/lease-keeper';
export { followingCurrent } from './database/current-data-source';
export { ApiBodyFrom, ApiErrors, ApiQueryFrom, INTERNAL_API_DOCS, type ApiDocsOptions } from './openapi/api-docs';
export {
  carryForward,
  checkoutRetentionSetting,
  createRetentionTables,
  dropRetentionTables,
  messageRetention,
  MIN_RETENTION_SECONDS,
  RETENTION_CUTOFF,
  RetentionJob,
  RetentionModule,
  retentionOptions,
  retentionSettings,
  type RetentionModuleOptions,
  type RetentionOptions,
  type RetentionStep,
} from './retention';
