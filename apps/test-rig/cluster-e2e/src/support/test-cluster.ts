import { freePort, freePortRange } from '@checkout/platform/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMigratedDatabase } from './migrated-template';
import { ServiceName, ServiceProcess, WORKSPACE_ROOT } from './service-process';
import {
  adminUrlFor,
  createVhost,
  testDatabaseUrl,
  deleteVhost,
  dropDatabase,
  REDIS_URL,
  uniqueName,
} from './test-infrastructure';

const ROLES: Partial<Record<ServiceName, string>> = {
  'checkout-orchestrator': 'checkout_svc',
  'catalog-svc': 'catalog_svc',
  'payments-svc': 'payments_svc',
  'psp-sandbox': 'psp_sandbox',
  'vault-sandbox': 'vault_sandbox',
};

/** The saga's clocks in a test cluster: short by default, so the scenarios are quick. */
export interface SagaTiming {
  /** PAYMENT_TIMEOUT_SECONDS: how long a checkout waits for its payment before it gives up. */
  readonly paymentTimeoutSeconds: number;
  /** RELEASE_TIMEOUT_SECONDS: how long a compensation waits for its stock release, per attempt. */
  readonly releaseTimeoutSeconds: number;
  /** PSP_LATE_PAY_DELAY_MS: when the sandbox settles a late payment; past the payment timeout. */
  readonly latePaymentMs: number;
}

const QUICK_TIMING: SagaTiming = { paymentTimeoutSeconds: 3, releaseTimeoutSeconds: 3, latePaymentMs: 6000 };

/** Per-service settings that make the scenarios fast: short timeouts, a quick simulated customer. */
const SERVICE_ENV: Partial<Record<ServiceName, (cluster: TestCluster) => Record<string, string>>> = {
  'bff-web': (cluster) => ({
    RATE_LIMIT_NAMESPACE: cluster.vhost.replace(/[^a-z0-9_]/g, ''),
    // Every test process runs with NODE_ENV=production, where the edge needs its origins named.
    PUBLIC_ORIGINS: `http://localhost:${cluster.ports['bff-web']},http://127.0.0.1:${cluster.ports['bff-web']}`,
    // Never `npm start`'s Prometheus on 9090, which knows nothing of this cluster: none, so the
    // plots answer 503; a spec that needs them starts a Prometheus of its own and passes its URL.
    PROMETHEUS_URL: 'none',
  }),
  'checkout-orchestrator': (cluster) => ({
    PAYMENT_TIMEOUT_SECONDS: String(cluster.timing.paymentTimeoutSeconds),
    RELEASE_TIMEOUT_SECONDS: String(cluster.timing.releaseTimeoutSeconds),
    // Scenarios assert outcomes, not shedding: on a busy test machine the first step can lag
    // past the default 1 s backstop (the first steps past the adaptive limit's 500 ms target),
    // and a 503 would fail a scenario that has nothing to do with it.
    ADMISSION_MAX_FIRST_STEP_WAIT_MS: '60000',
    ADMISSION_TARGET_LATENCY_MS: '60000',
  }),
  'payments-svc': (cluster) => ({ PSP_API_URL: cluster.urlOf('psp-sandbox'), CHECKOUT_RETURN_URL: cluster.urlOf('bff-web') }),
  'psp-sandbox': (cluster) => ({
    PSP_WEBHOOK_URL: `${cluster.urlOf('payments-svc')}/webhooks/psp`,
    PSP_PUBLIC_URL: cluster.urlOf('psp-sandbox'),
    PSP_PAY_DELAY_MS: '100',
    PSP_LATE_PAY_DELAY_MS: String(cluster.timing.latePaymentMs),
    PSP_WEBHOOK_RETRY_BASE_MS: '200',
  }),
  // Not started by startAll: only the specs about secrets run the Vault stand-in.
  'vault-sandbox': (cluster) => ({ VAULT_DB_CONNECTION_URL: adminUrlFor(cluster.database) }),
};

/** `node dist/apps/<app>/main.js migrate` with `env` and the admin login of `database`; throws with its output. */
export async function migrateOnce(app: string, env: Record<string, string>, database: string): Promise<void> {
  const main = join(WORKSPACE_ROOT, 'dist/apps', app, 'main.js');
  await promisify(execFile)(process.execPath, [main, 'migrate'], { env: { PATH: process.env.PATH, ...env, DATABASE_ADMIN_URL: adminUrlFor(database) } }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`${app} migrate failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
}

/** The cluster proper: what startAll runs and what is deployed. The Vault stand-in is neither. */
export type ClusterService = Exclude<ServiceName, 'vault-sandbox'>;

export const ALL_SERVICES: readonly ClusterService[] = [
  'psp-sandbox',
  'catalog-svc',
  'payments-svc',
  'checkout-orchestrator',
  'bff-web',
];

export interface TestClusterOptions {
  /** Processes per service, sharing its port (pm2's cluster mode); 1 by default. */
  replicas?: number;
  /** The saga's timeouts, kept by every process of the cluster, restarted ones too. */
  timing?: SagaTiming;
}

/**
 * The whole cluster on free ports, with a database and a RabbitMQ virtual host of its own,
 * so a test run never meets `npm start`'s cluster or another test's messages.
 */
export class TestCluster {
  readonly services = new Map<ServiceName, ServiceProcess>();
  private constructor(
    readonly database: string,
    readonly vhost: string,
    readonly amqpUrl: string,
    readonly ports: Record<ServiceName, number>,
    /**
     * Each service's METRICS_PORT, where replica i serves /metrics on that port + i. The edge
     * always has one (never /metrics on its public port); the others only when replicated,
     * a single process serving /metrics on its own port as it does alone.
     */
    readonly metricsPorts: Partial<Record<ServiceName, number>>,
    readonly replicas: number,
    /** bff-web's loopback OTLP receiver, which every service of this cluster exports to. */
    readonly tracesPort: number,
    readonly timing: SagaTiming,
  ) {}

  static async create(options: TestClusterOptions = {}): Promise<TestCluster> {
    const database = uniqueName('e2e');
    const vhost = uniqueName('e2e');
    const amqpUrl = await createVhost(vhost);
    const ports = {} as Record<ServiceName, number>;
    const replicas = options.replicas ?? 1;
    const metricsPorts: Partial<Record<ServiceName, number>> = {};
    for (const name of [...ALL_SERVICES, 'vault-sandbox'] as const) {
      ports[name] = await freePort();
      if (name === 'bff-web' || replicas > 1) metricsPorts[name] = await freePortRange(replicas);
    }
    const cluster = new TestCluster(database, vhost, amqpUrl, ports, metricsPorts, replicas, await freePort(), options.timing ?? QUICK_TIMING);
    try {
      await cluster.migrate();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /**
   * The one-shot migration `npm start` runs before the services (scripts/db-migrate.sh): every
   * schema and role of this cluster's database, by the only processes given the admin login.
   * The services started afterwards have none (docs/decisions/0038).
   */
  private async migrate(): Promise<void> {
    const apps = Object.keys(ROLES) as ServiceName[];
    await createMigratedDatabase(this.database, apps, async (database) => {
      for (const name of apps) await migrateOnce(name, { ...this.envFor(name), DATABASE_URL: testDatabaseUrl(ROLES[name] as string, database) }, database);
    }, apps.map((name) => ROLES[name] as string));
  }

  /** The edge's /metrics port (its first replica's). */
  get edgeMetricsPort(): number {
    return this.metricsPorts['bff-web'] as number;
  }

  /** The environment `name` gets: every URL points at this cluster's own resources. */
  envFor(name: ServiceName): Record<string, string> {
    const role = ROLES[name];
    const env: Record<string, string> = {
      AMQP_URL: this.amqpUrl,
      REDIS_URL,
      ORCHESTRATOR_URL: this.urlOf('checkout-orchestrator'),
      CATALOG_URL: this.urlOf('catalog-svc'),
      PAYMENTS_URL: this.urlOf('payments-svc'),
      PSP_URL: this.urlOf('psp-sandbox'),
      // Each cluster traces into its own receiver, never into `npm start`'s on 4318.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${this.tracesPort}`,
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // No API checkout is chosen for tracing (the default is 1 %), so a spec knows which are:
      // every Pay click on the shop page, whatever the ratio.
      OTEL_TRACES_SAMPLER_ARG: '0',
      TRACES_RECEIVER_PORT: String(this.tracesPort),
      // No Alertmanager posts to a test cluster; any free port, never `npm start`'s 9465.
      ALERTS_RECEIVER_PORT: '0',
    };
    const metricsPort = this.metricsPorts[name];
    if (metricsPort !== undefined) env.METRICS_PORT = String(metricsPort);
    Object.assign(env, SERVICE_ENV[name]?.(this) ?? {});
    if (role) {
      env.DATABASE_URL = testDatabaseUrl(role, this.database);
      // Replicas split their service's connections (databasePoolSize), as under npm start.
      env.CLUSTER_REPLICAS = String(this.replicas);
    }
    return env;
  }

  urlOf(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  /** Where `name`'s Prometheus metrics are: its own port, except for the public edge. */
  metricsUrlOf(name: ServiceName): string {
    return name === 'bff-web' ? `http://127.0.0.1:${this.edgeMetricsPort}/metrics` : `${this.urlOf(name)}/metrics`;
  }

  /** What a Prometheus scrapes for `names`: `service=127.0.0.1:port`, one per replica. */
  scrapeTargets(names: readonly ServiceName[]): string[] {
    return names.flatMap((name) => {
      const base = this.metricsPorts[name];
      if (base === undefined) return [`${name}=127.0.0.1:${this.ports[name]}`];
      return Array.from({ length: this.replicas }, (_, replica) => `${name}=127.0.0.1:${base + replica}`);
    });
  }

  /**
   * Every replica's /metrics text: a scrape of the shared port reaches one replica, whichever
   * the primary hands it, so a counter of the service as a whole is the sum over these.
   */
  async metricsOfEveryReplica(name: ServiceName): Promise<string[]> {
    const base = this.metricsPorts[name];
    const urls = base === undefined ? [`${this.urlOf(name)}/metrics`] : Array.from({ length: this.replicas }, (_, replica) => `http://127.0.0.1:${base + replica}/metrics`);
    return Promise.all(urls.map(async (url) => (await fetch(url)).text()));
  }

  start(name: ServiceName, overrides: Record<string, string> = {}, nodeArgs: readonly string[] = []): ServiceProcess {
    const env = { ...this.envFor(name), ...overrides };
    const service = new ServiceProcess(name, this.ports[name], env, name, this.replicas, nodeArgs);
    this.services.set(name, service);
    return service;
  }

  startAll(overrides: Partial<Record<ServiceName, Record<string, string>>> = {}): ServiceProcess[] {
    return ALL_SERVICES.map((name) => this.start(name, overrides[name]));
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running in this cluster`);
    return service;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.stop()));
    await dropDatabase(this.database);
    await deleteVhost(this.vhost);
  }
}
