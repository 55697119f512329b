import { freePort } from '@checkout/platform/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS_DIR, WORKSPACE_ROOT } from './service-process';

export interface PrometheusTarget {
  labels: { service?: string; replica?: string; instance?: string };
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

/**
 * A Prometheus of the test's own: a free port, a temporary configuration and data directory
 * (deploy/prometheus with the test cluster's addresses as targets), removed on stop. It scrapes
 * only 127.0.0.1.
 */
export class TestPrometheus {
  private constructor(
    readonly url: string,
    private readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  /** `targets`: `service=host:port` each, a service named once per replica (TestCluster.scrapeTargets). */
  static async start(targets: readonly string[]): Promise<TestPrometheus> {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-prometheus-'));
    // No Alertmanager: a test cluster's alerts must not reach the machine's operations console.
    execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'scripts/prometheus-config.js'), dir, ...targets], {
      env: { ...process.env, ALERTMANAGER_ADDRESS: 'none' },
    });
    const port = await freePort();
    mkdirSync(join(ARTIFACTS_DIR, 'logs'), { recursive: true });
    const log = createWriteStream(join(ARTIFACTS_DIR, 'logs', 'prometheus.log'), { flags: 'a' });
    const child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const prometheus = new TestPrometheus(`http://127.0.0.1:${port}`, dir, child);
    await prometheus.waitReady(30_000);
    return prometheus;
  }

  /** The process, for a measurement of what it costs (scripts/idle-cpu.js --prometheus-pid). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async targets(): Promise<PrometheusTarget[]> {
    const body = await this.api<{ activeTargets: PrometheusTarget[] }>('/api/v1/targets?state=active');
    return body.activeTargets;
  }

  /** An instant query's result vector. */
  async query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const body = await this.api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
      `/api/v1/query?query=${encodeURIComponent(promql)}`,
    );
    return body.result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async api<T>(path: string): Promise<T> {
    const response = await fetch(`${this.url}${path}`);
    const body = (await response.json()) as { status: string; data: T };
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${JSON.stringify(body)}`);
    return body.data;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`prometheus exited with ${this.child.exitCode}`);
      const ready = await fetch(`${this.url}/-/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`prometheus not ready within ${timeoutMs} ms`);
  }
}
