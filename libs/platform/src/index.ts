export { bootstrapService, type ServiceDefinition } from './bootstrap/bootstrap';
export {
  brokerSettings,
  databaseSettings,
  serviceSettings,
  DEFAULT_AMQP_URL,
  DEFAULT_DATABASE_NAME,
} from './config/common-config';
export { ConfigValidationError, env, loadConfig } from './config/env';
export { DatabaseModule } from './database/database.module';
export { DatabaseService, type DatabaseOptions } from './database/database.service';
export { provisionDatabase, quoteIdent, type ProvisionOptions } from './database/provision';
export { AppError, NotFoundError, ValidationFailedError } from './errors/app-error';
export { ErrorFilter, type ErrorBody } from './errors/error.filter';
export { ReadinessRegistry, type CheckOutcome, type ReadinessCheck } from './health/readiness.registry';
export { MetricsService } from './metrics/metrics.service';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { validate } from './validation/validate';
export { ConcurrencyConflictError, isRetryableConflict, retryOnConflict } from './database/concurrency';
export { Wakeup } from './wakeup/wakeup';
export { TraceAwareLogger } from './logging/trace-aware.logger';
export { activeTraceparent, contextOfTraceparent, currentCheckoutId, withCheckoutId } from './tracing/trace-context';
export { recordWait, WAIT_ATTRIBUTE, type WaitKind } from './tracing/wait-span';
