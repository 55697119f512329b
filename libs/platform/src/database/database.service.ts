import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, MixedList } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { FaultRoutes } from '../fault-routes/fault-routes';
import { withAddress } from '../fault-routes/routes-file';
import { ReadinessRegistry } from '../health/readiness.registry';
import { LeaseKeeper } from '../secrets/lease-keeper';
import type { VaultAccess } from '../secrets/secrets-settings';
import { DatabaseLease, VaultClient } from '../secrets/vault.client';
import { absorbConnectionErrors } from './connection-errors';
import { waitUntilIdle } from './pool-drain';
import { followCurrentPool } from './pool-handover';
import { PreparingClient } from './preparing-client';
import { provisionDatabase } from './provision';

export interface DatabaseOptions {
  url: string;
  /** The provisioning login: only the one-shot migration (and a test process migrating on start) has one. */
  adminUrl?: string;
  schema: string;
  migrateOnStart: boolean;
  /** The service's name: the `application_name` of every connection it opens. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  poolSize?: number;
  /**
   * Lease logins from Vault's database secrets engine instead of using the user and password
   * of `url`; `url`'s user is then the group role every leased login joins.
   */
  vault?: VaultAccess;
  /** How long a retired pool's in-flight work may run before the pool is closed anyway. */
  drainTimeoutMs?: number;
}

const RETRY_MAX_MS = 5000;
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/**
 * The service's connection to its own schema. Start-up does not wait for Postgres (or Vault):
 * the HTTP server comes up, `/health/ready` names what is missing and this keeps trying in the
 * background. Whatever needs the database awaits `ready`.
 *
 * With Vault, the login changes while the service runs: each lease is a new Postgres role, and
 * a new role needs a new pool (see docs/decisions/0020). `dataSource` is always the current
 * pool; read it for each unit of work rather than keeping it. The lease is secrets/' business
 * (LeaseKeeper knows nothing of pools); the pools, their hand-over and drain are this folder's,
 * so database/ imports secrets/ and never the reverse (docs/decisions/0040).
 */
/**
 * How long an unused pool connection stays open (pg's default is 10 s). At rest the work comes
 * every 15–60 s (a Prometheus scrape's gauges, the workers' fallback passes, the retention
 * pass), sometimes two pieces at once: with 10 s, each came to a closed pool and paid a new
 * connection (a backend started, a login checked) for one query, and with a minute the second
 * connection of a pair was still closed and opened again about once a minute. Five minutes
 * keeps the connections that work needs; a pool still never holds more than its size.
 */
const IDLE_CONNECTION_MS = 300_000;

@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  readonly ready: Promise<void>;
  private current: DataSource;
  private currentUrl: string;
  private readonly byLease = new Map<string, DataSource>();
  /** For each pool, the switch that sends whatever still asks it for a connection to the current one. */
  private readonly handOvers = new WeakMap<DataSource, () => void>();
  private readonly rotationHooks: (() => Promise<void>)[] = [];
  private readonly keeper?: LeaseKeeper;
  private markReady!: () => void;
  private stopping = false;
  private readonly logger = new Logger('Database');

  constructor(
    private readonly options: DatabaseOptions,
    private readonly readiness: ReadinessRegistry,
    routes?: FaultRoutes,
  ) {
    // Started during a chaos experiment that routes Postgres through the fault proxy: start there.
    this.currentUrl = withAddress(options.url, routes?.addressOf('postgres'));
    this.current = this.createDataSource(this.currentUrl);
    routes?.follow('postgres', (address) => this.moveTo(address));
    if (options.vault) {
      this.keeper = new LeaseKeeper(new VaultClient(options.vault), options.vault.databaseRole, {
        adopt: (lease) => this.adopt(lease),
        retire: (lease) => this.retire(lease),
      });
    }
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /**
   * The current pool. Replaced on each credential rotation: do not keep it across units of work.
   * The one way in, from HTTP paths too: there the global `DatabaseReadyGuard` has already
   * answered 503 if Postgres has not been reached yet.
   */
  get dataSource(): DataSource {
    return this.current;
  }

  /** The current login's URL (with application_name), for the few things that need a raw client (LISTEN). */
  get url(): string {
    return withApplicationName(this.currentUrl, this.options.applicationName);
  }

  get schema(): string {
    return this.options.schema;
  }

  /** The Vault lease behind the current login, when credentials come from Vault. */
  get credentials(): LeaseKeeper | undefined {
    return this.keeper;
  }

  /**
   * Registers work to run after each rotation, before the old login is revoked: a long-lived
   * connection (the outbox LISTEN) reopens with `url` here, or it is cut when the old role goes.
   */
  onCredentialsRotated(hook: () => Promise<void>): void {
    this.rotationHooks.push(hook);
  }

  onModuleInit(): void {
    this.readiness.register('database', () => this.check());
    if (this.keeper) {
      const keeper = this.keeper;
      this.readiness.register('vault', async () => ({ up: keeper.holdsValidLease(), details: { ...keeper.status() } }));
    }
    void this.connectWithRetry();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.current.isInitialized) await this.current.destroy();
    await this.keeper?.stop();
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 1, delay = 250; !this.stopping; attempt++, delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        if (this.options.migrateOnStart) await this.provision();
        if (this.keeper) await this.keeper.start();
        else await this.open(this.current);
        this.logger.log(`connected to schema ${this.options.schema}`);
        this.markReady();
        return;
      } catch (error) {
        this.logger.warn(`database not reachable (attempt ${attempt}): ${describe(error)}; retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** A new lease: open its pool, then move new work to it. The old pool keeps its in-flight work. */
  private async adopt(lease: DatabaseLease): Promise<void> {
    const next = await this.switchTo(withLogin(this.currentUrl, lease.username, lease.password));
    if (next) this.byLease.set(lease.leaseId, next);
  }

  /** Moves long-lived connections, lets the old pool's transactions finish, then closes it. */
  private async retire(lease: DatabaseLease): Promise<void> {
    await this.moveLongLivedConnections();
    const old = this.byLease.get(lease.leaseId);
    this.byLease.delete(lease.leaseId);
    if (old?.isInitialized) await this.closeWhenIdle(old, `the pool of ${lease.username}`);
  }

  /**
   * Opens a pool at `url`, warms it to the current one's size, and makes it the one new work
   * uses; work queued on the old pool for a connection (which would otherwise wait behind the
   * old pool's in-flight transactions while this one is idle) is served here instead, at once.
   * Returns the new pool, or nothing if the service began stopping meanwhile.
   */
  private async switchTo(url: string): Promise<DataSource | undefined> {
    const next = this.createDataSource(url);
    await this.open(next);
    await warmUp(next, openConnections(this.current));
    if (this.stopping) return void (await next.destroy());
    const previous = this.current;
    this.current = next;
    this.currentUrl = url;
    this.handOvers.get(previous)?.();
    return next;
  }

  /** The rotation hooks: a long-lived connection (the outbox LISTEN) reopens with the current `url`. */
  private async moveLongLivedConnections(): Promise<void> {
    for (const hook of this.rotationHooks) await hook().catch((error) => this.logger.warn(`moving a long-lived connection failed: ${describe(error)}`));
  }

  /** Lets `pool`'s transactions finish (up to the drain timeout), then closes it. */
  private async closeWhenIdle(pool: DataSource, name: string): Promise<void> {
    const started = Date.now();
    const drained = await waitUntilIdle(pool, this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
    if (!drained) this.logger.warn(`${name} still busy after the drain timeout; closing it anyway`);
    await pool.destroy();
    this.logger.log(`closed ${name} after ${Date.now() - started} ms of draining`);
  }

  /**
   * Moves new work to a pool at `address` (`host:port`; undefined: DATABASE_URL's own), with the
   * same login, as a rotation moves it to a new login: the new pool opens and warms up first,
   * waiters of the old one are served by it, the long-lived connections follow (the rotation
   * hooks), and the old pool closes once its transactions finish. How a chaos experiment puts
   * the fault proxy in front of this process's database, and takes it away (docs/decisions/0046).
   */
  private async moveTo(address: string | undefined): Promise<void> {
    await this.ready;
    const url = withAddress(withLogin(this.options.url, ...loginOf(this.currentUrl)), address);
    if (url === this.currentUrl || this.stopping) return;
    const previous = this.current;
    const next = await this.switchTo(url);
    if (!next) return;
    for (const [lease, pool] of this.byLease) if (pool === previous) this.byLease.set(lease, next);
    await this.moveLongLivedConnections();
    await this.closeWhenIdle(previous, 'the previous pool');
  }

  /** Initialises a pool; every pool, the first and each rotation's, survives a lost connection. */
  private async open(dataSource: DataSource): Promise<void> {
    await dataSource.initialize();
    absorbConnectionErrors(dataSource, this.logger);
  }

  private createDataSource(url: string): DataSource {
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      entities: this.options.entities,
      logging: false,
      extra: {
        Client: PreparingClient,
        max: this.options.poolSize ?? 10,
        connectionTimeoutMillis: 3000,
        idleTimeoutMillis: IDLE_CONNECTION_MS,
        application_name: this.options.applicationName,
      },
    });
    this.handOvers.set(dataSource, followCurrentPool(dataSource, () => this.current));
    return dataSource;
  }

  private provision(): Promise<void> {
    const adminUrl = this.options.adminUrl;
    if (!adminUrl) throw new Error('DATABASE_MIGRATE_ON_START needs DATABASE_ADMIN_URL (or run `main.js migrate` before starting)');
    return provisionDatabase({ ...this.options, adminUrl, log: (message) => this.logger.log(message) });
  }

  private async check() {
    if (!this.current.isInitialized) return { up: false, details: { reason: 'connecting' } };
    const started = Date.now();
    await this.current.query('SELECT 1');
    return { up: true, details: { latencyMs: Date.now() - started } };
  }
}

/** How many connections `dataSource`'s pool holds now (0 before it is initialised). */
function openConnections(dataSource: DataSource): number {
  if (!dataSource.isInitialized) return 0;
  return ((dataSource.driver as PostgresDriver).master as { totalCount?: number } | undefined)?.totalCount ?? 0;
}

/**
 * Opens `count` connections before the pool takes traffic. A cold pool under load would make
 * every request of the first moments wait for a login (a process fork and SCRAM in Postgres);
 * opening as many as the old pool had moves that cost before the swap.
 */
async function warmUp(dataSource: DataSource, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => dataSource.query('SELECT 1')));
}

function withLogin(url: string, username: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(username);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The user and password of `url`, decoded. */
function loginOf(url: string): [username: string, password: string] {
  const parsed = new URL(url);
  return [decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)];
}

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
