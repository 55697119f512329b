import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory in MB; 0 once the process is gone. */
export function rssMb(pid: number): number {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return (pages * PAGE_BYTES) / 1024 / 1024;
  } catch {
    return 0;
  }
}

/** Every process whose command name is `name` (e.g. RabbitMQ's `beam.smp`). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    });
}

/** CPU seconds of a group of processes between `start()` and `stop()`. */
export class CpuMeter {
  private before = new Map<number, number>();

  constructor(private readonly pids: () => number[]) {}

  start(): void {
    this.before = new Map(this.pids().map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** Processes that appeared meanwhile count from zero. */
  stop(): number {
    return this.pids().reduce((sum, pid) => sum + cpuSeconds(pid) - (this.before.get(pid) ?? 0), 0);
  }
}

/** Every process on the machine: its pid and its command name. */
function allProcesses(): { pid: number; name: string }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        return [{ pid: Number(entry), name: readFileSync(`/proc/${entry}/comm`, 'utf8').trim() }];
      } catch {
        return [];
      }
    });
}

/**
 * CPU of every process on the machine between `start()` and `stop()`, by name: `named` gives
 * the processes it knows (the services, by pid) their names, the others go by their command
 * name (postgres, beam.smp, redis-server, …). Processes that ended meanwhile are lost with
 * their last ticks, which is why the measured phases keep every process alive.
 */
export class MachineCpuMeter {
  private before = new Map<number, number>();

  constructor(private readonly named: () => ReadonlyMap<number, string>) {}

  start(): void {
    this.before = new Map(allProcesses().map(({ pid }) => [pid, cpuSeconds(pid)]));
  }

  /** CPU seconds by process name, largest first. */
  stop(): [string, number][] {
    const names = this.named();
    const byName = new Map<string, number>();
    for (const { pid, name } of allProcesses()) {
      const used = cpuSeconds(pid) - (this.before.get(pid) ?? 0);
      if (used <= 0) continue;
      const label = names.get(pid) ?? name;
      byName.set(label, (byName.get(label) ?? 0) + used);
    }
    return [...byName].sort((a, b) => b[1] - a[1]);
  }
}
