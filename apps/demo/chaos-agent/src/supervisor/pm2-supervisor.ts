import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pm2 from 'pm2';
import { promisify } from 'node:util';
import { ChaosError } from '../experiments/chaos.errors';

export type ProcessStatus = 'online' | 'stopped' | 'errored' | 'launching' | 'stopping' | 'missing';

/** One pm2 instance of a process: a replica. */
export interface Instance {
  readonly id: number;
  readonly status: ProcessStatus;
}

/** From the least running to the most: the order in which one replica's status speaks for all. */
const RUNNING_ORDER: readonly ProcessStatus[] = ['missing', 'stopping', 'errored', 'stopped', 'launching', 'online'];

/** The status of the least-running instance; `missing` when pm2 lists none. */
export function leastRunning(instances: readonly Instance[]): ProcessStatus {
  if (instances.length === 0) return 'missing';
  return instances.reduce<ProcessStatus>((least, { status }) => (RUNNING_ORDER.indexOf(status) < RUNNING_ORDER.indexOf(least) ? status : least), 'online');
}

/** The pm2 ids of the instances a start must bring back: those stopped or errored. */
export function instancesToStart(instances: readonly Instance[]): number[] {
  return instances.filter(({ id, status }) => id >= 0 && (status === 'stopped' || status === 'errored')).map(({ id }) => id);
}

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

  /**
   * Starts again every stopped or errored instance of a process (and leaves running ones alone);
   * waits out a stop in progress. With replicas, pm2 lists one instance per replica, and a stop
   * may leave them in different states.
   */
  async ensureRunning(name: string): Promise<void> {
    let instances = await this.instances(name);
    for (let waited = 0; instances.some((i) => i.status === 'stopping') && waited < 15_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      instances = await this.instances(name);
    }
    for (const id of instancesToStart(instances)) await this.call(name, (done) => pm2.restart(id, done));
  }

  /** How many instances (replicas) of a process pm2 runs or keeps. */
  async processes(name: string): Promise<number> {
    return (await this.instances(name)).length;
  }

  /** The status of the least-running instance of a process: `online` only when all of them are. */
  async status(name: string): Promise<ProcessStatus> {
    return leastRunning(await this.instances(name));
  }

  private async instances(name: string): Promise<Instance[]> {
    const found = await this.call(name, (done: (error: Error | null, list: pm2.ProcessDescription[]) => void) => pm2.describe(name, done));
    return found.map((description) => ({ id: description.pm_id ?? -1, status: (description.pm2_env?.status as ProcessStatus | undefined) ?? 'missing' }));
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
