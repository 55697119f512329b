import { Injectable } from '@nestjs/common';

/** What one dependency check reports; `details` must be safe to show publicly. */
export interface CheckOutcome {
  up: boolean;
  details?: Record<string, unknown>;
}

export type ReadinessCheck = () => Promise<CheckOutcome>;

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
