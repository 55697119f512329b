import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// One list for pm2 (scripts/pm2.config.js) and this harness.
// eslint-disable-next-line @nx/enforce-module-boundaries
import nodeFlags from '../../../../../scripts/node-flags.json';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../../..');
/**
 * Whose built services run: this checkout's, or CLUSTER_BUILD_ROOT's (another checkout with
 * its own `dist/`), so that a benchmark can run a base build with the same harness.
 */
const BUILD_ROOT = process.env.CLUSTER_BUILD_ROOT ? resolve(process.env.CLUSTER_BUILD_ROOT) : WORKSPACE_ROOT;
export const ARTIFACTS_DIR = join(WORKSPACE_ROOT, 'test-artifacts');

export type ServiceName = 'bff-web' | 'checkout-orchestrator' | 'catalog-svc' | 'payments-svc' | 'psp-sandbox' | 'vault-sandbox';

export interface ReadyBody {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; reason?: string }>;
}

/**
 * A service stays ready (degraded) while its broker is away, as it may in production; a test
 * starting a cluster waits until the broker is connected too, so its first messages flow at once.
 */
export function hasBroker(body: ReadyBody): boolean {
  return body.error?.broker?.status !== 'down';
}

/** What `replica-primary.js` reports about each replica, one JSON line each. */
export interface ReplicaEvent {
  replica: number;
  pid: number;
  event: 'started' | 'ready' | 'exited';
  code?: number | null;
  signal?: string | null;
}

/** The node flags every process of the cluster runs with, as pm2 passes them under `npm start`. */
export const NODE_FLAGS: readonly string[] = nodeFlags;

/**
 * One service, started from its built bundle as its own OS process, as pm2 would run it; with
 * `replicas` above 1, that many processes sharing its port, as pm2's cluster mode runs them
 * (node's cluster module, through `replica-primary.js`).
 */
export class ServiceProcess {
  readonly exited: Promise<number | null>;
  readonly replicaEvents: ReplicaEvent[] = [];
  private readonly child: ChildProcess;
  private output = '';
  private partialLine = '';

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    env: Record<string, string>,
    logName: string = name,
    readonly replicas = 1,
    /** Extra `node` flags (e.g. --cpu-prof, which NODE_OPTIONS does not accept). */
    nodeArgs: readonly string[] = [],
  ) {
    mkdirSync(join(ARTIFACTS_DIR, 'logs'), { recursive: true });
    const log = createWriteStream(join(ARTIFACTS_DIR, 'logs', `${logName}.log`), { flags: 'a' });
    const main = join(BUILD_ROOT, 'dist/apps', name, 'main.js');
    const args = replicas > 1 ? [...NODE_FLAGS, join(__dirname, 'replica-primary.js'), main, String(replicas)] : [...NODE_FLAGS, ...nodeArgs, main];
    this.child = spawn(process.execPath, args, {
      cwd: BUILD_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.readReplicaEvents(chunk.toString()));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        log.write(chunk);
      });
    }
    // Output can still arrive after 'exit' (the pipes drain after the process is gone): the log
    // ends once they have closed, not at 'exit', or a late line is written after its end.
    this.child.once('close', () => log.end());
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  /** Pids of the replicas running now, by replica index (a replaced one has a new pid). */
  livePids(): number[] {
    const live = new Map<number, number>();
    for (const { replica, pid, event } of this.replicaEvents) {
      if (event === 'started') live.set(replica, pid);
      if (event === 'exited' && live.get(replica) === pid) live.delete(replica);
    }
    return [...live.values()];
  }

  /** How the replica with `pid` ended, once it has. */
  async replicaExit(pid: number, timeoutMs = 30_000): Promise<ReplicaEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const exit = this.replicaEvents.find((e) => e.pid === pid && e.event === 'exited');
      if (exit) return exit;
      if (Date.now() > deadline) throw new Error(`${this.name}: replica ${pid} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Resolves once `replicas` replicas run and each has announced it is ready. */
  async waitReplicasReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const isReady = (pid: number) => this.replicaEvents.some((e) => e.pid === pid && e.event === 'ready');
    while (!(this.livePids().length === this.replicas && this.livePids().every(isReady))) {
      if (Date.now() > deadline) throw new Error(`${this.name}: replicas not ready in ${timeoutMs} ms\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The OS process id, for reading its CPU time and memory from /proc. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private readReplicaEvents(text: string): void {
    if (this.replicas === 1) return;
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{"replica":')) continue;
      this.replicaEvents.push(JSON.parse(line) as ReplicaEvent);
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.output;
  }

  async readiness(): Promise<{ status: number; body: ReadyBody } | undefined> {
    try {
      const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(3000) });
      return { status: response.status, body: (await response.json()) as ReadyBody };
    } catch {
      return undefined;
    }
  }

  /** Polls /health/ready until `predicate` holds; fails with the last answer and the logs. */
  async waitFor(predicate: (status: number, body: ReadyBody) => boolean, timeoutMs = 60_000): Promise<ReadyBody> {
    const deadline = Date.now() + timeoutMs;
    let last: Awaited<ReturnType<ServiceProcess['readiness']>>;
    while (Date.now() < deadline) {
      last = await this.readiness();
      if (last && predicate(last.status, last.body)) return last.body;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name}: condition not met in ${timeoutMs} ms; last ${JSON.stringify(last)}\n${this.output.slice(-3000)}`);
  }

  async waitReady(timeoutMs = 60_000): Promise<ReadyBody> {
    if (this.replicas > 1) await this.waitReplicasReady(timeoutMs);
    return this.waitFor((status, body) => status === 200 && hasBroker(body), timeoutMs);
  }

  /**
   * Stops every process of the service. SIGTERM (the default) reaches each replica through the
   * primary, which forwards it, and each drains. SIGKILL cannot be forwarded: the primary gets
   * its own first (so it forks no replacement) and then each replica its own, so the whole
   * service dies at once with no shutdown hook run, as a crash of the machine would have it.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const replicas = this.livePids();
      this.child.kill(signal);
      if (signal === 'SIGKILL') for (const pid of replicas) killIfRunning(pid);
    }
    await this.exited;
    if (signal === 'SIGKILL') await this.replicasGone();
  }

  /** Once the primary is gone, waits for its replicas too (a SIGKILL leaves no 'exited' report). */
  private async replicasGone(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.livePids().some(isRunning)) {
      if (Date.now() > deadline) throw new Error(`${this.name}: replicas still running ${timeoutMs} ms after SIGKILL`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Alive, and not a zombie left for whoever adopts an orphan to reap. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: it saw its primary die and exited first.
  }
}
