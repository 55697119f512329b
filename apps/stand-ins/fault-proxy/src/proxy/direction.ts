import type { Socket } from 'node:net';
import type { Toxic } from './toxic';

interface Pending {
  readonly chunk: Buffer;
  readonly due: number;
}

/**
 * One direction of one proxied connection. With no toxic it is a plain `pipe`: the kernel
 * buffers and Node's stream machinery do all the work, with no code of ours per chunk, so the
 * proxy costs next to nothing on the hot path. Only while a toxic applies does it read chunks
 * itself, to delay or hold them, in order.
 */
export class Direction {
  private piped = false;
  private queue: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private latencyMs = 0;
  private jitterMs = 0;
  private holding = false;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
  ) {
    this.pipe();
  }

  /** The toxics that affect this direction now (already filtered by stream and toxicity). */
  apply(toxics: readonly Toxic[]): void {
    const latency = toxics.find((toxic) => toxic.type === 'latency');
    this.latencyMs = latency?.attributes.latency ?? 0;
    this.jitterMs = latency?.attributes.jitter ?? 0;
    this.holding = toxics.some((toxic) => toxic.type === 'timeout');
    if (this.latencyMs === 0 && !this.holding) {
      this.drain(true);
      return;
    }
    if (this.piped) {
      this.from.unpipe(this.to);
      this.piped = false;
      this.from.on('data', this.onData);
      this.from.resume();
    }
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue = [];
  }

  private readonly onData = (chunk: Buffer): void => {
    const jitter = this.jitterMs ? Math.round((Math.random() * 2 - 1) * this.jitterMs) : 0;
    // Never before the chunk ahead of it: a TCP stream is ordered, whatever the jitter.
    const last = this.queue.length ? this.queue[this.queue.length - 1].due : 0;
    this.queue.push({ chunk, due: Math.max(Date.now() + this.latencyMs + jitter, last) });
    this.schedule();
  };

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.holding || this.queue.length === 0) return;
    this.timer = setTimeout(() => this.drain(false), Math.max(0, this.queue[0].due - Date.now()));
  }

  /** Writes what is due (or everything, when the toxics are gone) and goes back to piping. */
  private drain(all: boolean): void {
    const now = Date.now();
    while (this.queue.length && (all || this.queue[0].due <= now)) {
      if (!this.to.destroyed) this.to.write(this.queue[0].chunk);
      this.queue.shift();
    }
    if (all) this.pipe();
    else this.schedule();
  }

  private pipe(): void {
    if (this.piped) return;
    clearTimeout(this.timer);
    this.from.off('data', this.onData);
    this.from.pipe(this.to);
    this.piped = true;
  }
}
