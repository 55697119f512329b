import { INestApplication, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DEFAULT_DATABASE_ADMIN_URL, replicaMetricsAddress } from '../config/common-config';
import { ConfigValidationError } from '../config/env';
import type { DatabaseOptions } from '../database/database.service';
import { provisionDatabase } from '../database/provision';
import cluster from 'node:cluster';
import { announceReadyToSupervisor, whenReady } from './announce-ready';
import { drainOnSignals } from './graceful-shutdown';
import { TraceAwareLogger } from '../logging/trace-aware.logger';
import { type ApiDocsOptions, INTERNAL_API_DOCS, openApiDocument, serveApiDocs } from '../openapi/api-docs';

const LEVELS: Record<string, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/** What bootstrap reads of every service's configuration (serviceSettings). */
type ServiceConfig = Parameters<typeof replicaMetricsAddress>[0] & {
  PORT: number;
  LOG_LEVEL: string;
  SHUTDOWN_DELAY_MS: number;
  SHUTDOWN_TIMEOUT_MS: number;
};

export interface ServiceDefinition<C> {
  name: string;
  /** Reads and validates the environment; throws ConfigValidationError. */
  loadConfig: () => C & ServiceConfig;
  /** Builds the root module from the validated configuration. */
  module: (config: C) => Type<unknown> | import('@nestjs/common').DynamicModule;
  /** For services that own a schema: enables `node main.js migrate` (provision, migrate, exit). */
  database?: (config: C) => DatabaseOptions;
  /** More one-shot provisioning `migrate` does after the schema's, with the same admin login. */
  provision?: (config: C, adminUrl: string, log: (message: string) => void) => Promise<void>;
  /** Keep each request's raw body (`req.rawBody`), e.g. to verify a webhook signature. */
  rawBody?: boolean;
  /** The address to listen on (default every interface); an internal service passes 127.0.0.1. */
  host?: string;
  /** Where its OpenAPI document is served; internal services default to /openapi-json. */
  apiDocs?: ApiDocsOptions;
  /** Per-app HTTP set-up (security headers, body limits) before listening. */
  configure?: (app: INestApplication, config: C) => void | Promise<void>;
}

/**
 * Starts a service: validate the environment (or stop with one clear message), build the
 * module, log as JSON, listen, and drain on SIGTERM/SIGINT (see graceful-shutdown.ts).
 */
export async function bootstrapService<C>(definition: ServiceDefinition<C>): Promise<INestApplication | void> {
  const config = loadOrExit(definition);
  if (process.argv[2] === 'migrate') return migrateAndExit(definition, config);
  if (process.argv[2] === 'openapi') return printApiDocsAndExit(definition, config);
  const logger = new TraceAwareLogger(definition.name, { json: true, logLevels: LEVELS[config.LOG_LEVEL] });
  const app = await NestFactory.create(definition.module(config), {
    logger,
    bufferLogs: true,
    rawBody: definition.rawBody ?? false,
  });
  hideFramework(app);
  await definition.configure?.(app, config);
  serveApiDocs(app, definition.name, definition.apiDocs ?? INTERNAL_API_DOCS);
  await app.init();
  // A replica under a cluster primary (pm2's cluster mode) is handed connections in turn as
  // soon as it listens, ready or not, and nothing there reads /health/ready: it joins only
  // once its dependencies answer (docs/decisions/0017). Alone, it listens at once and answers
  // 503 until then, for the probes and the supervisor to see.
  if (cluster.isWorker) await whenReady(app);
  const host = definition.host ?? config.HOST;
  await app.listen(config.PORT, host);
  drainOnSignals(app, logger, { delayMs: config.SHUTDOWN_DELAY_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  announceReadyToSupervisor(app);
  logger.log(`${definition.name} listening on ${host}:${config.PORT}`);
  return app;
}

/** No `X-Powered-By: Express`: telling a visitor the framework only helps someone probing for its bugs. */
function hideFramework(app: INestApplication): void {
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
}

/**
 * `node dist/apps/<service>/main.js openapi`: prints the service's OpenAPI document and exits.
 * Nest's preview mode reads the modules and their routes without creating a provider, so this
 * connects to nothing.
 */
async function printApiDocsAndExit<C>(definition: ServiceDefinition<C>, config: C): Promise<void> {
  const app = await NestFactory.create(definition.module(config), { preview: true, logger: false });
  const document = openApiDocument(app, definition.name, definition.apiDocs ?? INTERNAL_API_DOCS);
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

/**
 * `node dist/apps/<service>/main.js migrate`: the one-shot step that runs before the services
 * start (scripts/db-migrate.sh, the TestCluster, the Kubernetes Job), the only process that
 * holds the admin login: DATABASE_ADMIN_URL, or the local default on a developer machine.
 */
async function migrateAndExit<C>(definition: ServiceDefinition<C>, config: C): Promise<void> {
  if (!definition.database) {
    process.stdout.write(`[${definition.name}] owns no database; nothing to migrate\n`);
    return;
  }
  const log = (message: string) => process.stdout.write(`[${definition.name}] ${message}\n`);
  try {
    const options = definition.database(config);
    const adminUrl = options.adminUrl ?? DEFAULT_DATABASE_ADMIN_URL;
    await provisionDatabase({ ...options, adminUrl, log });
    await definition.provision?.(config, adminUrl, log);
    process.stdout.write(`[${definition.name}] database is provisioned and migrated\n`);
  } catch (error) {
    process.stderr.write(`[${definition.name}] migration failed: ${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
  }
}

function loadOrExit<C>(definition: ServiceDefinition<C>) {
  try {
    const config = definition.loadConfig();
    replicaMetricsAddress(config); // a metrics port past 65535 is bad configuration too
    return config;
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`[${definition.name}] ${error.message}\n`);
      process.exit(78); // EX_CONFIG: a supervisor should not expect a restart to fix it
    }
    throw error;
  }
}
