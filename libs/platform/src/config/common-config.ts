import { z } from 'zod';
import type { FaultRouteOptions } from '../fault-routes/fault-routes';
import { ConfigValidationError, env } from './env';
import { type PublishedDefault, sameLoginAs } from './published-defaults';

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
export const DEFAULT_DATABASE_NAME = 'checkout_cluster';

/** Where a service listens unless told otherwise: only the machine itself can reach it. */
export const LOOPBACK = '127.0.0.1';

/**
 * Settings every service reads: where it listens, how much it logs, how it drains on SIGTERM.
 * Internal services bind loopback by default, so their operator endpoints are not reachable
 * from the network by accident; the public edge passes `0.0.0.0`, and containers set `HOST` themselves.
 */
export function serviceSettings(defaultPort: number, defaultHost: string = LOOPBACK) {
  return {
    PORT: env.port(defaultPort),
    HOST: env.host(defaultHost),
    LOG_LEVEL: env.logLevel(),
    ...shutdownSettings(),
    ...metricsSettings(),
    ...faultRouteSettings(),
  };
}

/**
 * Where a chaos experiment sends this service's connections (docs/decisions/0046): `npm start`
 * runs every service directly against Postgres and RabbitMQ and names its listeners on the fault
 * proxy here; the agent moves a service onto them only while a network fault runs. Unset (compose,
 * Kubernetes, tests without the agent), the URLs are used as they are.
 */
export function faultRouteSettings() {
  return {
    /** The directory the chaos agent writes `routes.json` to and each process acknowledges in. */
    FAULT_ROUTES_DIR: env.optionalDirectory(),
    /** This service's listener on the fault proxy in front of Postgres. */
    FAULT_PROXY_POSTGRES: env.optionalHostPort(),
    /** This service's listener on the fault proxy in front of RabbitMQ. */
    FAULT_PROXY_RABBITMQ: env.optionalHostPort(),
  };
}

interface FaultRouteConfig {
  FAULT_ROUTES_DIR?: string;
  FAULT_PROXY_POSTGRES?: string;
  FAULT_PROXY_RABBITMQ?: string;
  NODE_APP_INSTANCE: number;
}

/** The fault routes of `service`'s process, from its configuration. */
export function faultRouteOptions(service: string, config: FaultRouteConfig): FaultRouteOptions {
  return {
    dir: config.FAULT_ROUTES_DIR,
    service,
    instance: String(config.NODE_APP_INSTANCE),
    proxies: { postgres: config.FAULT_PROXY_POSTGRES, rabbitmq: config.FAULT_PROXY_RABBITMQ },
  };
}

/**
 * Where a process serves `/metrics` besides (or, for the edge, instead of) its own port.
 * Replicas under pm2's cluster mode share their service's port, so a scrape there lands on
 * any one of them; with `METRICS_PORT` set, each replica listens on that port plus its
 * replica index (pm2's `NODE_APP_INSTANCE`), and Prometheus scrapes each of them by name.
 * Unset: `/metrics` on the service's own port only, as a single process needs.
 */
export function metricsSettings() {
  return {
    METRICS_PORT: env.optionalPort(),
    /** The address the metrics port binds; unset, the service's own `HOST`. */
    METRICS_HOST: env.optionalHost(),
    /** The replica's index, set by pm2 (0 for the first, or a process of its own). */
    NODE_APP_INSTANCE: z.coerce
      .number({ error: 'expected a replica index (0 or more)' })
      .int('expected a replica index (0 or more)')
      .min(0, 'expected a replica index (0 or more)')
      .default(0),
  };
}

export interface MetricsAddress {
  port: number;
  host: string;
}

interface MetricsConfig {
  HOST: string;
  METRICS_PORT?: number;
  METRICS_HOST?: string;
  NODE_APP_INSTANCE: number;
}

/**
 * This replica's metrics address (`METRICS_PORT` + its index), or none. Throws
 * ConfigValidationError when the sum is past the last port, so start-up stops with one line.
 */
export function replicaMetricsAddress(config: MetricsConfig): MetricsAddress | undefined {
  if (config.METRICS_PORT === undefined) return undefined;
  const port = config.METRICS_PORT + config.NODE_APP_INSTANCE;
  if (port > 65535) {
    throw new ConfigValidationError([
      `METRICS_PORT: ${config.METRICS_PORT} plus replica index ${config.NODE_APP_INSTANCE} is past the last TCP port (65535)`,
    ]);
  }
  return { port, host: config.METRICS_HOST ?? config.HOST };
}

/**
 * The drain on SIGTERM (see bootstrap/graceful-shutdown.ts). The whole drain must fit in the
 * supervisor's kill timeout (pm2 `kill_timeout`, Kubernetes `terminationGracePeriodSeconds`
 * minus the `preStop` sleep), or the process is killed mid-drain.
 */
export function shutdownSettings() {
  return {
    /** How long /health/ready answers 503 before the HTTP server stops accepting connections. */
    SHUTDOWN_DELAY_MS: env.milliseconds(1000),
    /** The drain's budget; past it the process exits anyway (with code 1). */
    SHUTDOWN_TIMEOUT_MS: env.milliseconds(10_000),
  };
}

const DEFAULT_DATABASE_CONNECTIONS = 10;
/** A transaction and the readiness probe's query at once, whatever the split leaves. */
const MIN_POOL_SIZE = 2;

/** The Postgres superuser's published login: a developer machine's, and a one-shot migration's only. */
export const DEFAULT_DATABASE_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:5432/${DEFAULT_DATABASE_NAME}`;

const defaultDatabaseUrl = (role: string) => `postgres://${role}:${role}@127.0.0.1:5432/${DEFAULT_DATABASE_NAME}`;

/** Settings of a service that owns a Postgres schema, with its own login role. */
export function databaseSettings(role: string) {
  return {
    DATABASE_URL: env.url(['postgres:', 'postgresql:'], defaultDatabaseUrl(role)),
    /**
     * The login that creates the role and schema and runs the migrations: read by the one-shot
     * `main.js migrate` step (scripts/db-migrate.sh before `npm start`, the Kubernetes Job), which
     * falls back to DEFAULT_DATABASE_ADMIN_URL on a developer machine. A running service is given
     * none, so none holds the superuser (docs/decisions/0038).
     */
    DATABASE_ADMIN_URL: env.optionalUrl(['postgres:', 'postgresql:']),
    /** Provision at start-up too, with DATABASE_ADMIN_URL: for a throwaway test process only. */
    DATABASE_MIGRATE_ON_START: env.flag(false),
    /**
     * The pool connections all processes of this service hold together. Replicas split it
     * (see `databasePoolSize`), so scaling out does not multiply a service's share of Postgres'
     * max_connections. Each process also keeps one LISTEN connection outside its pool.
     */
    DATABASE_CONNECTIONS: env.positiveInt(DEFAULT_DATABASE_CONNECTIONS),
    /** How many processes of this service run at once (`CLUSTER_REPLICAS=N npm start` passes it). */
    CLUSTER_REPLICAS: env.positiveInt(1),
    /** Connections per process, overriding the share of DATABASE_CONNECTIONS (e.g. behind PgBouncer). */
    DATABASE_POOL_SIZE: z.coerce
      .number({ error: 'expected a positive whole number' })
      .int('expected a positive whole number')
      .positive('expected a positive whole number')
      .optional(),
  };
}

/**
 * Each process's pool: DATABASE_POOL_SIZE when set, otherwise its share of the service's
 * DATABASE_CONNECTIONS. With the defaults, 1 replica pools 10, 2 replicas 5 each, 3 replicas 3
 * each: a service holds about as many connections however many replicas run (docs/decisions/0027).
 * While credentials rotate a process briefly holds two pools.
 */
export function databasePoolSize(config: { DATABASE_POOL_SIZE?: number; DATABASE_CONNECTIONS: number; CLUSTER_REPLICAS: number }): number {
  return config.DATABASE_POOL_SIZE ?? Math.max(MIN_POOL_SIZE, Math.floor(config.DATABASE_CONNECTIONS / config.CLUSTER_REPLICAS));
}

/**
 * The database logins written in this repository, refused when Postgres is not on this machine.
 * With SECRETS_PROVIDER=vault the role of DATABASE_URL never logs in (leases do): its password is
 * not refused then, unless `leasedFromVault: false` says the service logs in as that role anyway.
 */
export function databaseDefaults(role: string, { leasedFromVault = true } = {}): PublishedDefault[] {
  return [
    {
      setting: 'DATABASE_URL',
      server: 'DATABASE_URL',
      isPublished: sameLoginAs(defaultDatabaseUrl(role)),
      appliesWhen: (config) => !leasedFromVault || config.SECRETS_PROVIDER !== 'vault',
    },
    { setting: 'DATABASE_ADMIN_URL', server: 'DATABASE_ADMIN_URL', isPublished: sameLoginAs(DEFAULT_DATABASE_ADMIN_URL) },
  ];
}

/** RabbitMQ's `guest`, refused when the broker is not on this machine. */
export function brokerDefaults(): PublishedDefault[] {
  return [{ setting: 'AMQP_URL', server: 'AMQP_URL', isPublished: sameLoginAs(DEFAULT_AMQP_URL) }];
}

/** Settings of a service that talks to RabbitMQ. */
export function brokerSettings() {
  return {
    AMQP_URL: env.url(['amqp:', 'amqps:'], DEFAULT_AMQP_URL),
    AMQP_PREFETCH: env.positiveInt(256),
  };
}

export type ServiceSettings = z.output<z.ZodObject<ReturnType<typeof serviceSettings>>>;
