import { Injectable } from '@nestjs/common';

/** What one dependency check reports; `details` must be safe to show publicly. */
export interface CheckOutcome {
  up: boolean;
  details?: Record<string, unknown>;
}

export type ReadinessCheck = () => Promise<CheckOutcome>;

/**
 * The dependencies whose absence the transactional outbox absorbs: the broker, the dead-letter
 * count read through it, and the outbox's backlog, which grows while the broker is away. A
 * service that still writes durably (its database answers) keeps taking work without them:
 * each message waits in its outbox and the relay sends it when the broker returns. Turning
 * the service out of readiness then would refuse the very requests the outbox exists to hold,
 * so when one of these is down `/health/ready` says `degraded` and stays 200 (decision 0038).
 */
export const DEGRADED_WHEN_DOWN: ReadonlySet<string> = new Set(['broker', 'deadLetters', 'outbox']);

/**
 * The readiness checks of this process. Modules that own a dependency (the database, the
 * broker, the outbox) register a check for it, so `/health/ready` needs no list of its own.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks.entries()];
  }
}
