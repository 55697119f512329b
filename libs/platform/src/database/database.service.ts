import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, MixedList } from 'typeorm';
import { ReadinessRegistry } from '../health/readiness.registry';
import { absorbConnectionErrors } from './connection-errors';
import { DatabaseUnavailableError } from './database-unavailable';
import { provisionDatabase } from './provision';

export interface DatabaseOptions {
  url: string;
  adminUrl: string;
  schema: string;
  migrateOnStart: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  poolSize?: number;
}

const RETRY_MAX_MS = 5000;

/**
 * The service's connection to its own schema. Start-up does not wait for Postgres: the HTTP
 * server comes up, `/health/ready` says "database: down" and this keeps trying in the
 * background. Whatever needs the database awaits `ready`.
 */
@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  readonly dataSource: DataSource;
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private stopping = false;
  private readonly logger = new Logger('Database');

  constructor(
    private readonly options: DatabaseOptions,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.dataSource = new DataSource({
      type: 'postgres',
      url: options.url,
      entities: options.entities,
      logging: false,
      extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 3000 },
    });
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** The service role's connection URL, for the few things that need a raw client (LISTEN). */
  get url(): string {
    return this.options.url;
  }

  get schema(): string {
    return this.options.schema;
  }

  /**
   * The DataSource, for request handlers. The service starts before Postgres answers; a request
   * arriving in that window gets a 503 it can retry, not a 500 from an uninitialised driver.
   */
  connected(): DataSource {
    if (!this.dataSource.isInitialized) {
      throw new DatabaseUnavailableError();
    }
    return this.dataSource;
  }

  onModuleInit(): void {
    this.readiness.register('database', () => this.check());
    void this.connectWithRetry();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 1, delay = 250; !this.stopping; attempt++, delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        if (this.options.migrateOnStart) await this.provision();
        await this.dataSource.initialize();
        absorbConnectionErrors(this.dataSource, this.logger);
        this.logger.log(`connected to schema ${this.options.schema}`);
        this.markReady();
        return;
      } catch (error) {
        this.logger.warn(`database not reachable (attempt ${attempt}): ${describe(error)}; retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private provision(): Promise<void> {
    return provisionDatabase({ ...this.options, log: (message) => this.logger.log(message) });
  }

  private async check() {
    if (!this.dataSource.isInitialized) return { up: false, details: { reason: 'connecting' } };
    const started = Date.now();
    await this.dataSource.query('SELECT 1');
    return { up: true, details: { latencyMs: Date.now() - started } };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
