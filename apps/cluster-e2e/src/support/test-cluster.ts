import { freePort } from '@checkout/platform/testing';
import { ServiceName, ServiceProcess } from './service-process';
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

/** Per-service settings that make the scenarios fast: short timeouts, a quick simulated customer. */
const SERVICE_ENV: Partial<Record<ServiceName, (cluster: TestCluster) => Record<string, string>>> = {
  'bff-web': (cluster) => ({ RATE_LIMIT_NAMESPACE: cluster.vhost.replace(/[^a-z0-9_]/g, '') }),
  'checkout-orchestrator': () => ({ PAYMENT_TIMEOUT_SECONDS: '3', RELEASE_TIMEOUT_SECONDS: '3', TIMER_POLL_MS: '100' }),
  'payments-svc': (cluster) => ({ PSP_API_URL: cluster.urlOf('psp-sandbox'), CHECKOUT_RETURN_URL: cluster.urlOf('bff-web') }),
  'psp-sandbox': (cluster) => ({
    PSP_WEBHOOK_URL: `${cluster.urlOf('payments-svc')}/webhooks/psp`,
    PSP_PUBLIC_URL: cluster.urlOf('psp-sandbox'),
    PSP_PAY_DELAY_MS: '100',
    PSP_LATE_PAY_DELAY_MS: '6000',
    PSP_WEBHOOK_RETRY_BASE_MS: '200',
  }),
  // Not started by startAll: only the specs about secrets run the Vault stand-in.
  'vault-sandbox': (cluster) => ({ VAULT_DB_CONNECTION_URL: adminUrlFor(cluster.database) }),
};

export const ALL_SERVICES: readonly ServiceName[] = [
  'psp-sandbox',
  'catalog-svc',
  'payments-svc',
  'checkout-orchestrator',
  'bff-web',
];

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
  ) {}

  static async create(): Promise<TestCluster> {
    const database = uniqueName('e2e');
    const vhost = uniqueName('e2e');
    const amqpUrl = await createVhost(vhost);
    const ports = {} as Record<ServiceName, number>;
    for (const name of [...ALL_SERVICES, 'vault-sandbox'] as const) ports[name] = await freePort();
    return new TestCluster(database, vhost, amqpUrl, ports);
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
    };
    Object.assign(env, SERVICE_ENV[name]?.(this) ?? {});
    if (role) {
      env.DATABASE_URL = testDatabaseUrl(role, this.database);
      env.DATABASE_ADMIN_URL = adminUrlFor(this.database);
    }
    return env;
  }

  urlOf(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  start(name: ServiceName, overrides: Record<string, string> = {}): ServiceProcess {
    const service = new ServiceProcess(name, this.ports[name], { ...this.envFor(name), ...overrides });
    this.services.set(name, service);
    return service;
  }

  startAll(): ServiceProcess[] {
    return ALL_SERVICES.map((name) => this.start(name));
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
