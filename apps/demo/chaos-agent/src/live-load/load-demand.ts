import { Logger, OnApplicationShutdown } from '@nestjs/common';

/** How long the live load and the observation outlive the last reason to run them. */
export const LINGER_MS = 2 * 60_000;

/** Something that runs only while it is needed: the live load, the timeline's sampling. */
export interface OnDemand {
  start(): void;
  stop(): Promise<void> | void;
}

/** What the chaos page shows: whether the load runs, since when, and when it stops if nobody comes. */
export interface DemandState {
  readonly running: boolean;
  /** When it last started (epoch ms), while it runs. */
  readonly since: number | null;
  /** When it stops unless someone comes (epoch ms); null while a page is open. */
  readonly stopsAt: number | null;
}

/**
 * Runs the live load and the observation only while someone needs them: a chaos page open
 * (each live stream holds the demand), or an experiment (its fault and recovery, which the
 * soak's experiments are too). They stop LINGER_MS after the last of these, so a reload or a
 * pause between experiments does not restart them. With nobody there, the agent does nothing.
 */
export class LoadDemand implements OnApplicationShutdown {
  private readonly logger = new Logger('LoadDemand');
  private readonly listeners = new Set<(state: DemandState) => void>();
  private holders = 0;
  /** The end of the latest reason that was not a holder: an experiment's end, or a holder's release. */
  private neededUntil = 0;
  private since: number | null = null;
  private stopTimer?: NodeJS.Timeout;

  constructor(
    private readonly parts: readonly OnDemand[],
    private readonly lingerMs = LINGER_MS,
  ) {}

  /** A watcher arrived (a live stream opened): runs until the returned release, and LINGER_MS after. */
  hold(): () => void {
    this.holders++;
    this.reconsider();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      this.neededUntil = Math.max(this.neededUntil, Date.now());
      this.reconsider();
    };
  }

  /** An experiment needs traffic and observation until `until` (epoch ms), and LINGER_MS after. */
  keepUntil(until: number): void {
    this.neededUntil = Math.max(this.neededUntil, until);
    this.reconsider();
  }

  state(): DemandState {
    const stopsAt = this.since === null || this.holders > 0 ? null : this.neededUntil + this.lingerMs;
    return { running: this.since !== null, since: this.since, stopsAt };
  }

  /** Called with the state at once and at every change; returns the unsubscribe. */
  subscribe(listener: (state: DemandState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state());
    return () => this.listeners.delete(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.stopTimer);
    await this.halt();
  }

  private reconsider(): void {
    clearTimeout(this.stopTimer);
    const stopsAt = this.holders > 0 ? Infinity : this.neededUntil + this.lingerMs;
    if (stopsAt <= Date.now()) {
      void this.halt();
      return;
    }
    if (this.since === null) {
      this.since = Date.now();
      this.logger.log('live load and observation started');
      for (const part of this.parts) part.start();
    }
    // One timer, at the moment the demand ends: nothing ticks while it lasts.
    if (stopsAt !== Infinity) this.stopTimer = setTimeout(() => this.reconsider(), stopsAt - Date.now());
    this.announce();
  }

  private async halt(): Promise<void> {
    if (this.since === null) return;
    this.since = null;
    this.logger.log('nobody watching: live load and observation stopped');
    this.announce();
    await Promise.all(this.parts.map(async (part) => part.stop()));
  }

  private announce(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
