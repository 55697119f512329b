import { Injectable } from '@nestjs/common';

export type Drain = () => Promise<void>;

/**
 * What must finish on SIGTERM while the whole module graph still works: consumers taking no
 * new message and letting their handlers commit, schedulers letting their pass finish.
 *
 * Nest's own hooks are too late for that: `onModuleDestroy` runs first and tears down, among
 * others, the CQRS buses, so a handler still in flight would publish to an event bus that no
 * saga listens to any more and wait forever. The drains run after the HTTP server closed and
 * before any of Nest's shutdown hooks (see graceful-shutdown.ts), all at once.
 */
@Injectable()
export class DrainRegistry {
  private readonly drains = new Map<string, Drain>();

  register(name: string, drain: Drain): void {
    this.drains.set(name, drain);
  }

  /** Runs every drain at once; one that fails does not stop the others. */
  async drainAll(): Promise<PromiseSettledResult<void>[]> {
    return Promise.allSettled([...this.drains.values()].map((drain) => drain()));
  }

  names(): string[] {
    return [...this.drains.keys()];
  }
}
