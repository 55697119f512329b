import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pm2 from 'pm2';
import { promisify } from 'node:util';
import { ChaosError } from '../experiments/chaos.errors';

export type ProcessStatus = 'online' | 'stopped' | 'errored' | 'launching' | 'stopping' | 'missing';

/**
 * The agent's only way to touch a process: pm2's programmatic API, on the pm2 daemon of this
 * cluster (PM2_HOME decides which one), and only for names on the allowlist. It never learns a
 * pid, so it cannot signal anything pm2 does not supervise.
 */
@Injectable()
export class Pm2Supervisor implements OnApplicationShutdown {
  private connected?: Promise<void>;

  constructor(private readonly allowlist: readonly string[]) {}

  async kill(name: string): Promise<void> {
    await this.call(name, (done) => pm2.sendSignalToProcessName('SIGKILL', name, done));
  }

  async stop(name: string): Promise<void> {
    await this.call(name, (done) => pm2.stop(name, done));
  }

  /** Starts a stopped process again (and leaves a running one alone); waits out a stop in progress. */
  async ensureRunning(name: string): Promise<void> {
    let status = await this.status(name);
    for (let waited = 0; status === 'stopping' && waited < 15_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await this.status(name);
    }
    if (status === 'stopped' || status === 'errored') await this.call(name, (done) => pm2.restart(name, done));
  }

  async status(name: string): Promise<ProcessStatus> {
    const found = await this.call(name, (done: (error: Error | null, list: pm2.ProcessDescription[]) => void) => pm2.describe(name, done));
    return (found[0]?.pm2_env?.status as ProcessStatus | undefined) ?? 'missing';
  }

  onApplicationShutdown(): void {
    if (this.connected) pm2.disconnect();
  }

  private async call<T>(name: string, action: (done: (error: Error | null, result: T) => void) => void): Promise<T> {
    if (!this.allowlist.includes(name)) throw new ChaosError('CHAOS.NOT_ALLOWED', `not on the allowlist: ${name}`);
    // The cluster's daemon (PM2_HOME). Were none running, pm2 would start an empty one, which
    // supervises nothing: every name would then be unknown, and nothing would be signalled.
    this.connected ??= promisify<void>((done) => pm2.connect(false, (error) => done(error ?? null)))();
    await this.connected;
    return promisify(action)();
  }
}
