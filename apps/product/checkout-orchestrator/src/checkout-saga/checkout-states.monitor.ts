import { DatabaseService, MetricsService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { CHECKOUT_STATES, type CheckoutState } from './checkout-saga.definition';

/** States a checkout should not stay in: an operator wants to know how many, and for how long. */
const WATCHED: readonly CheckoutState[] = CHECKOUT_STATES.filter((state) => state !== 'Completed' && state !== 'Cancelled');

/**
 * Checkouts per unfinished state, and how long the longest has waited there, as gauges for
 * Prometheus' alerts (Failed; stuck in Compensating). Read from the saga rows, not counted from
 * transitions, so a restart of the orchestrator loses nothing; read when Prometheus scrapes,
 * not on a timer, so an idle orchestrator queries nothing between scrapes.
 */
@Injectable()
export class CheckoutStatesMonitor {
  private readonly inState;
  private readonly oldestInState;
  /** Both gauges are collected side by side at a scrape: one query answers both. */
  private refreshing?: Promise<void>;

  constructor(
    private readonly database: DatabaseService,
    metrics: MetricsService,
  ) {
    // A failed read keeps the last values: the scrape itself must not fail with the database.
    const collect = () => (this.refreshing ??= this.refresh().catch(() => undefined).finally(() => (this.refreshing = undefined)));
    this.inState = metrics.gauge('checkouts_in_state', 'Checkouts now in an unfinished state', ['state'], collect);
    this.oldestInState = metrics.gauge(
      'checkout_oldest_in_state_seconds',
      'How long the checkout longest in a state has been there',
      ['state'],
      collect,
    );
  }

  async refresh(): Promise<void> {
    if (!this.database.dataSource.isInitialized) return;
    const rows: { state: CheckoutState; count: number; age: number }[] = await this.database.dataSource.query(
      `SELECT state, count(*)::int AS count, extract(epoch FROM now() - min(updated_at))::float AS age
       FROM checkout.checkouts WHERE state = ANY($1) GROUP BY state`,
      [WATCHED],
    );
    for (const state of WATCHED) {
      const row = rows.find((candidate) => candidate.state === state);
      this.inState.set({ state }, row?.count ?? 0);
      this.oldestInState.set({ state }, row?.age ?? 0);
    }
  }
}
