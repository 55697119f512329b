import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@checkout/platform/testing';
import { ARTIFACTS_DIR, hasBroker, type ReadyBody, NODE_FLAGS, ServiceName, type ServiceProcess, WORKSPACE_ROOT } from './service-process';
import { ALL_SERVICES, type ClusterService, migrateOnce, TestCluster } from './test-cluster';
import { OPS_TOKEN } from './ops-console';
import { adminUrlFor, testDatabaseUrl } from './test-infrastructure';
import { AGENT_TOKEN, LEASED_SERVICES, type LeasedService, VaultMode } from './vault-mode';

const run = promisify(execFile);
const PM2 = join(WORKSPACE_ROOT, 'node_modules/pm2/bin/pm2');

const ROLES: Partial<Record<ServiceName, string>> = {
  'checkout-orchestrator': 'checkout_svc',
  'catalog-svc': 'catalog_svc',
  'payments-svc': 'payments_svc',
  'psp-sandbox': 'psp_sandbox',
};
const USES_BROKER: readonly ServiceName[] = ['checkout-orchestrator', 'catalog-svc', 'payments-svc', 'bff-web'];

/**
 * The scenario tests shorten the saga's timeouts to 3 s to be quick. Under faults on a busy
 * machine a payment can take longer than that, and the saga would (rightly) cancel a paying
 * customer's order: the invariant checker flags exactly that. Chaos runs with the defaults'
 * order of magnitude instead, as a deployment would.
 */
const REALISTIC_TIMEOUTS: Partial<Record<ServiceName, Record<string, string>>> = {
  'checkout-orchestrator': { PAYMENT_TIMEOUT_SECONDS: '30', RELEASE_TIMEOUT_SECONDS: '15' },
};

export interface SupervisedOptions {
  /** The agent's live load (paying customers per second); 0 for none. */
  readonly liveLoadPerSecond?: number;
  readonly recoverySeconds?: number;
  /** Services lease their database logins from the Vault stand-in, as under `npm start`. */
  readonly vault?: { readonly defaultSeconds: number; readonly maxSeconds: number };
  /**
   * Processes per service, in pm2's cluster mode as `CLUSTER_REPLICAS=N npm start` runs them;
   * 1 by default. The agent's faults then act on every replica of their target: pm2 signals
   * or stops every process of a name, and the replicas share their service's proxy listeners
   * and its `application_name` on Postgres.
   */
  readonly replicas?: number;
  /**
   * The visitors' chaos budget (the agent's CHAOS_COOLDOWN_SECONDS, …). By default none to
   * speak of: no cool-down and allowances no spec reaches, so the specs about faults can run
   * theirs back to back; the specs about the budget set it.
   */
  readonly budget?: { readonly coolDownSeconds?: number; readonly perHour?: number; readonly perClient?: number; readonly clientWindowMinutes?: number };
}

const isLeased = (name: ServiceName): name is LeasedService => (LEASED_SERVICES as readonly string[]).includes(name);

/**
 * The whole cluster as `npm start` runs it — every service under pm2, behind the fault proxy,
 * with the chaos agent — but on free ports, with its own database, virtual host and pm2 daemon
 * (its own PM2_HOME). The agent can signal only this daemon's processes; `stop()` kills this
 * daemon and nothing else.
 */
export class SupervisedCluster {
  private constructor(
    readonly base: TestCluster,
    readonly pm2Home: string,
    readonly agentPort: number,
    readonly faultProxyPort: number,
    /** Set when the services lease their logins from the Vault stand-in. */
    readonly vault?: VaultMode,
  ) {}

  /** The Vault stand-in's process, in vault mode. */
  vaultProcess?: ServiceProcess;

  /** The fault proxy's listeners, `<service>.postgres` / `<service>.rabbitmq` by name. */
  private proxies: { name: string; listen: string }[] = [];

  static async create(options: SupervisedOptions = {}): Promise<SupervisedCluster> {
    const base = await TestCluster.create({ replicas: options.replicas });
    const pm2Home = await mkdtemp(join(tmpdir(), 'pm2-chaos-'));
    const vault = options.vault && new VaultMode(base, options.vault);
    const cluster = new SupervisedCluster(base, pm2Home, await freePort(), await freePort(), vault);
    try {
      await cluster.launch(options);
      return cluster;
    } catch (error) {
      // The caller has no cluster to stop in its afterAll: nothing of a failed start stays behind.
      await cluster.stop();
      throw error;
    }
  }

  get faultProxyUrl(): string {
    return `http://127.0.0.1:${this.faultProxyPort}`;
  }

  get agentUrl(): string {
    return `http://127.0.0.1:${this.agentPort}`;
  }

  urlOf(name: ServiceName): string {
    return this.base.urlOf(name);
  }

  /** Runs a pm2 command against this cluster's daemon only. */
  async pm2(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [PM2, ...args], { env: { ...process.env, PM2_HOME: this.pm2Home }, timeout: 60_000 });
    return stdout;
  }

  async status(name: string): Promise<string | undefined> {
    const list = JSON.parse(await this.pm2('jlist')) as { name: string; pm2_env: { status: string } }[];
    return list.find((entry) => entry.name === name)?.pm2_env.status;
  }

  async stop(): Promise<void> {
    await this.pm2('kill').catch(() => undefined);
    await rm(this.pm2Home, { recursive: true, force: true });
    await this.base.stop();
    await this.vault?.dropRoles();
  }

  async waitReady(names: readonly string[] = [...ALL_SERVICES, 'chaos-agent'], timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      const url = name === 'chaos-agent' ? this.agentUrl : this.urlOf(name as ServiceName);
      while (!(await ready(url))) {
        if (Date.now() > deadline) throw new Error(`${name} not ready in ${timeoutMs} ms (logs in test-artifacts/logs)`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** Every replica of every service online in pm2's eyes: with wait_ready, each said it was ready. */
  private async waitEveryReplicaOnline(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = JSON.parse(await this.pm2('jlist')) as { name: string; pm2_env: { status: string } }[];
      const online = (name: string) => list.filter((entry) => entry.name === name && entry.pm2_env.status === 'online').length;
      if (ALL_SERVICES.every((name) => online(name) === this.base.replicas)) return;
      if (Date.now() > deadline) throw new Error(`replicas not all online in ${timeoutMs} ms (logs in test-artifacts/logs)`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /**
   * How many connections pass through the fault proxy now, on the listeners whose name starts
   * with `prefix` (all of them by default): its accepted sockets, read from the kernel's table of
   * established TCP connections by their local port.
   */
  async connectionsThroughProxy(prefix = ''): Promise<number> {
    const ports = new Set(this.proxies.filter(({ name }) => name.startsWith(prefix)).map(({ listen }) => Number(listen.split(':').at(-1))));
    const table = (await readFile('/proc/net/tcp', 'utf8')) + (await readFile('/proc/net/tcp6', 'utf8').catch(() => ''));
    const ESTABLISHED = '01';
    return table
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === ESTABLISHED && ports.has(parseInt(fields[1]?.split(':').at(-1) ?? '', 16))).length;
  }

  private async launch(options: SupervisedOptions): Promise<void> {
    const routes = await this.routes();
    this.proxies = routes.proxies;
    // The Vault stand-in runs beside pm2, not under it: no experiment may signal it.
    if (this.vault) this.vaultProcess = await this.vault.startVault();
    const apps = [
      this.app('fault-proxy', {
        FAULT_PROXY_API_PORT: String(this.faultProxyPort),
        FAULT_PROXY_PROXIES: JSON.stringify(routes.proxies),
      }),
      ...ALL_SERVICES.map((name) => this.app(name, this.serviceEnv(name, routes.env[name]), this.base.replicas)),
    ];
    await this.start(apps);
    await this.waitReady(ALL_SERVICES);
    await this.waitEveryReplicaOnline();
    // Its audit role and pg_signal_backend, after the services' schemas: the one-shot step.
    await migrateOnce('chaos-agent', this.agentEnv(options), this.base.database);
    await this.start([this.app('chaos-agent', this.agentEnv(options))]);
    await this.waitReady(['chaos-agent']);
  }

  /** A service's environment: this cluster's, the saga's realistic clocks, its routes through the proxy. */
  private serviceEnv(name: ClusterService, routed: Record<string, string> = {}): Record<string, string> {
    return {
      ...this.base.envFor(name),
      ...REALISTIC_TIMEOUTS[name],
      ...(this.vault && isLeased(name) ? this.vault.serviceEnv(name) : {}),
      ...routed,
      PORT: String(this.base.ports[name]),
      CHAOS_AGENT_URL: this.agentUrl,
      // The specs speak for many visitors through X-Forwarded-For, as a proxy in front of
      // the edge would: the edge believes it only from a proxy it was told to trust. The
      // operator token lets them ask for what visitors may not (the edge as a target, say).
      ...(name === 'bff-web' && { TRUSTED_PROXIES: '127.0.0.1', OPS_TOKEN }),
    };
  }

  private agentEnv(options: SupervisedOptions): Record<string, string> {
    const database = this.base.database;
    return {
      PORT: String(this.agentPort),
      DATABASE_URL: testDatabaseUrl('chaos_agent', database),
      AUDIT_DATABASE_URL: testDatabaseUrl('chaos_audit', database),
      AMQP_URL: this.base.amqpUrl,
      FAULT_PROXY_URL: `http://127.0.0.1:${this.faultProxyPort}`,
      FAULT_ROUTES_DIR: this.routesDir,
      ORCHESTRATOR_URL: this.urlOf('checkout-orchestrator'),
      CHAOS_SERVICE_URLS: ALL_SERVICES.map((name) => `${name}=${this.urlOf(name)}`).join(','),
      LIVE_LOAD_PER_SECOND: String(options.liveLoadPerSecond ?? 5),
      CHAOS_RECOVERY_SECONDS: String(options.recoverySeconds ?? 60),
      CHAOS_PUBLIC_URL: this.urlOf('bff-web'),
      CHAOS_COOLDOWN_SECONDS: String(options.budget?.coolDownSeconds ?? 0),
      CHAOS_EXPERIMENTS_PER_HOUR: String(options.budget?.perHour ?? 1000),
      CHAOS_EXPERIMENTS_PER_CLIENT: String(options.budget?.perClient ?? 1000),
      CHAOS_CLIENT_WINDOW_MINUTES: String(options.budget?.clientWindowMinutes ?? 10),
      ...(this.vault && { SECRETS_PROVIDER: 'vault', VAULT_ADDR: this.urlOf('vault-sandbox'), VAULT_TOKEN: AGENT_TOKEN }),
    };
  }

  /**
   * A listener per service and dependency on the fault proxy, and what each service is told of
   * it (as scripts/chaos.pm2.js does): its URLs stay direct, its listeners are named, and the
   * agent moves it onto them through the routes directory only while a network fault runs.
   */
  private async routes() {
    const proxies: { name: string; listen: string; upstream: string }[] = [];
    const env: Partial<Record<ServiceName, Record<string, string>>> = {};
    const amqp = new URL(this.base.amqpUrl);
    for (const name of ALL_SERVICES) {
      env[name] = { FAULT_ROUTES_DIR: this.routesDir };
      if (ROLES[name]) {
        const port = await freePort();
        proxies.push({ name: `${name}.postgres`, listen: `127.0.0.1:${port}`, upstream: `127.0.0.1:${new URL(adminUrlFor(this.base.database)).port || 5432}` });
        env[name].FAULT_PROXY_POSTGRES = `127.0.0.1:${port}`;
      }
      if (USES_BROKER.includes(name)) {
        const port = await freePort();
        proxies.push({ name: `${name}.rabbitmq`, listen: `127.0.0.1:${port}`, upstream: `127.0.0.1:${amqp.port || 5672}` });
        env[name].FAULT_PROXY_RABBITMQ = `127.0.0.1:${port}`;
      }
    }
    return { proxies, env };
  }

  /** Where the agent writes which services go through the fault proxy, and each process acknowledges. */
  get routesDir(): string {
    return join(this.pm2Home, 'fault-routes');
  }

  private app(name: string, env: Record<string, string>, replicas = 1) {
    const log = join(ARTIFACTS_DIR, 'logs', `supervised-${name}.log`);
    return {
      name,
      // As scripts/pm2.config.js: the replicas share the port, and pm2 counts one up only once
      // it has said it is ready.
      ...(replicas > 1 && { exec_mode: 'cluster', instances: replicas, wait_ready: true, listen_timeout: 30_000 }),
      cwd: WORKSPACE_ROOT,
      script: join(WORKSPACE_ROOT, 'dist/apps', name, 'main.js'),
      node_args: NODE_FLAGS.join(' '),
      pmx: false, // as scripts/pm2.config.js: no pm2 metrics agent in the process
      autorestart: true,
      stop_exit_codes: [78],
      exp_backoff_restart_delay: 200,
      kill_timeout: 8000,
      out_file: log,
      error_file: log,
      merge_logs: true,
      env: { NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    };
  }

  private async start(apps: object[]): Promise<void> {
    const file = join(this.pm2Home, `apps-${Date.now()}.json`);
    await writeFile(file, JSON.stringify({ apps }));
    await this.pm2('start', file);
  }
}

async function ready(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.ok && hasBroker((await response.json()) as ReadyBody);
  } catch {
    return false;
  }
}
