import { ConsoleLogger, INestApplication, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError } from '../config/env';

const LEVELS: Record<string, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

export interface ServiceDefinition<C> {
  name: string;
  /** Reads and validates the environment; throws ConfigValidationError. */
  loadConfig: () => C & { PORT: number; LOG_LEVEL: string };
  /** Builds the root module from the validated configuration. */
  module: (config: C) => Type<unknown> | import('@nestjs/common').DynamicModule;
  /** Per-app HTTP set-up (security headers, body limits) before listening. */
  configure?: (app: INestApplication, config: C) => void | Promise<void>;
}

/**
 * Starts a service: validate the environment (or stop with one clear message), build the
 * module, log as JSON, listen, and close cleanly on SIGTERM/SIGINT.
 */
export async function bootstrapService<C>(definition: ServiceDefinition<C>): Promise<INestApplication> {
  const config = loadOrExit(definition);
  const logger = new ConsoleLogger(definition.name, { json: true, logLevels: LEVELS[config.LOG_LEVEL] });
  const app = await NestFactory.create(definition.module(config), { logger, bufferLogs: true });
  app.enableShutdownHooks();
  await definition.configure?.(app, config);
  await app.listen(config.PORT, '0.0.0.0');
  logger.log(`${definition.name} listening on port ${config.PORT}`);
  return app;
}

function loadOrExit<C>(definition: ServiceDefinition<C>) {
  try {
    return definition.loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`[${definition.name}] ${error.message}\n`);
      process.exit(78); // EX_CONFIG: a supervisor should not expect a restart to fix it
    }
    throw error;
  }
}
