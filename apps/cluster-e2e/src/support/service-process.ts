import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const ARTIFACTS_DIR = join(WORKSPACE_ROOT, 'test-artifacts');

export type ServiceName = 'bff-web' | 'checkout-orchestrator' | 'catalog-svc' | 'payments-svc' | 'psp-sandbox' | 'vault-sandbox';

export interface ReadyBody {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; reason?: string }>;
}

/** One service, started from its built bundle as its own OS process, as pm2 would run it. */
export class ServiceProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private output = '';

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    env: Record<string, string>,
    logName: string = name,
  ) {
    mkdirSync(join(ARTIFACTS_DIR, 'logs'), { recursive: true });
    const log = createWriteStream(join(ARTIFACTS_DIR, 'logs', `${logName}.log`), { flags: 'a' });
    this.child = spawn(process.execPath, ['--enable-source-maps', join(WORKSPACE_ROOT, 'dist/apps', name, 'main.js')], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        log.write(chunk);
      });
    }
    this.exited = new Promise((done) => this.child.once('exit', (code) => (log.end(), done(code))));
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

  waitReady(timeoutMs = 60_000): Promise<ReadyBody> {
    return this.waitFor((status) => status === 200, timeoutMs);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}
