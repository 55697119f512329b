import { getCheckout, startCheckout } from '../api/edge-api';
import type { CheckoutView, MessageRow, Scenario } from '../api/edge-api.types';
import { type CheckoutStream, openCheckoutStream, type StreamStatus } from './checkout-stream';
import { historyEntries, type LogEntry, mergeLog } from './event-log';
import { forgetCheckout, type LastCheckout, recallCheckout, rememberCheckout } from './last-checkout';
import { mergeRows } from './message-rows';
import { outcomeOf } from './outcome';
import { DEFAULT_SCENARIO, scenarioOption } from './scenarios';
import { startErrorMessage } from './start-error';

/** idle: nothing yet; starting: POST in flight; running: the saga is moving; finished: over. */
export type Phase = 'idle' | 'starting' | 'running' | 'finished';

export interface SessionSnapshot {
  readonly scenario: Scenario;
  readonly checkout: LastCheckout | null;
  readonly phase: Phase;
  readonly rows: readonly MessageRow[];
  readonly view: CheckoutView | null;
  readonly log: readonly LogEntry[];
  readonly stream: StreamStatus | 'idle';
  /** Waiting, after the final state, for a late payment to be refunded. */
  readonly awaitingRefund: boolean;
  readonly error: string | null;
}

/** How long to keep listening after a final state: trailing rows, and a late payment's refund. */
const GRACE_MS = 5_000;
const REFUND_WAIT_MS = 120_000;

const EMPTY: SessionSnapshot = {
  scenario: DEFAULT_SCENARIO,
  checkout: null,
  phase: 'idle',
  rows: [],
  view: null,
  log: [],
  stream: 'idle',
  awaitingRefund: false,
  error: null,
};

/**
 * The visitor's checkout, kept outside any page so it keeps running (and keeps its rows) while
 * the visitor looks at the architecture page and comes back.
 */
class CheckoutSession {
  private state = EMPTY;
  private readonly listeners = new Set<(snapshot: SessionSnapshot) => void>();
  private stream: CheckoutStream | null = null;
  private windDown: number | undefined;
  private localEvents = 0;
  private frame: number | undefined;

  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  chooseScenario(scenario: Scenario): void {
    this.update({ scenario });
  }

  async pay(): Promise<void> {
    if (this.state.phase === 'starting' || this.state.phase === 'running') return;
    const scenario = this.state.scenario;
    this.stopStream();
    this.update({ ...EMPTY, scenario, phase: 'starting' });
    this.note('Pay pressed', `scenario: ${scenario}`);
    try {
      const { checkoutId } = await startCheckout(scenario);
      const checkout = { checkoutId, scenario };
      rememberCheckout(checkout);
      this.update({ checkout, phase: 'running' });
      this.note('Checkout accepted', `202 · ${checkoutId}`);
      this.follow(checkout);
    } catch (error: unknown) {
      const message = startErrorMessage(error);
      this.update({ phase: 'idle', error: message });
      this.note('Checkout refused', message, 'error');
    }
  }

  /** After a reload: follow the tab's last checkout again, if there was one. */
  resume(): void {
    const last = recallCheckout();
    if (this.state.phase !== 'idle' || this.state.checkout !== null || last === null) return;
    this.update({ scenario: last.scenario, checkout: last, phase: 'running' });
    this.follow(last);
  }

  private follow(checkout: LastCheckout): void {
    this.stream = openCheckoutStream(checkout.checkoutId, {
      onRow: (row) => this.update({ rows: mergeRows(this.state.rows, [row]) }),
      onState: (view) => this.onState(view),
      onStatus: (status) => this.onStatus(status),
    });
  }

  private onState(view: CheckoutView): void {
    const outcome = outcomeOf(view);
    const awaitingRefund = outcome?.kind === 'cancelled' && this.expectsRefund() && !view.refunded;
    const log = mergeLog(this.state.log, historyEntries(view));
    this.update({ view, log, awaitingRefund, phase: outcome && !awaitingRefund ? 'finished' : 'running' });
    if (outcome) {
      this.note('Outcome', outcome.text, outcome.kind === 'attention' ? 'error' : 'normal', `outcome|${outcome.text}`);
      this.scheduleWindDown(awaitingRefund ? REFUND_WAIT_MS : GRACE_MS);
    }
  }

  private onStatus(status: StreamStatus): void {
    const previous = this.state.stream;
    if (status === 'reconnecting' && this.state.view && outcomeOf(this.state.view) && !this.state.awaitingRefund) {
      // The server ends the stream once the checkout is over; don't let EventSource reopen it.
      this.stopStream();
      this.update({ stream: 'closed' });
      return;
    }
    this.update({ stream: status });
    if (status === 'closed') {
      void this.onStreamGaveUp();
    } else if (!this.state.awaitingRefund) {
      // While waiting for a refund the server ends and EventSource reopens the stream every few
      // seconds (each time replaying the history): that is polling, not news for the log.
      if (status === 'open' && previous !== 'open') this.note('Live stream', previous === 'reconnecting' ? 'reconnected' : 'connected');
      if (status === 'reconnecting' && previous === 'open') this.note('Live stream', 'lost, reconnecting…', 'error');
    }
  }

  /** The browser stopped retrying (the edge answered with an error): show the last known state. */
  private async onStreamGaveUp(): Promise<void> {
    const checkout = this.state.checkout;
    this.stopStream();
    if (checkout === null || this.state.phase !== 'running') return;
    try {
      this.onState(await getCheckout(checkout.checkoutId));
      if (this.state.phase === 'running') this.update({ phase: 'finished', error: 'The live stream stopped before the checkout finished.' });
    } catch {
      forgetCheckout();
      this.update({ phase: this.state.rows.length > 0 ? 'finished' : 'idle', error: 'The live stream of this checkout is not available.' });
    }
  }

  private scheduleWindDown(afterMs: number): void {
    window.clearTimeout(this.windDown);
    this.windDown = window.setTimeout(() => {
      this.stopStream();
      this.update({ stream: 'closed', awaitingRefund: false, phase: 'finished' });
    }, afterMs);
  }

  private expectsRefund(): boolean {
    return this.state.checkout !== null && scenarioOption(this.state.checkout.scenario).continuesAfterFinal;
  }

  private stopStream(): void {
    window.clearTimeout(this.windDown);
    this.stream?.close();
    this.stream = null;
  }

  /** Adds what the browser itself did to the events log; a keyed note is written only once. */
  private note(event: string, status: string, tone: LogEntry['tone'] = 'normal', key?: string): void {
    if (key !== undefined && this.state.log.some((entry) => entry.key === key)) return;
    this.localEvents += 1;
    const entry = { key: key ?? `local|${this.localEvents}`, at: new Date().toISOString(), event, status, tone };
    this.update({ log: mergeLog(this.state.log, [entry]) });
  }

  private update(change: Partial<SessionSnapshot>): void {
    this.state = { ...this.state, ...change };
    // Rows arrive in bursts (the history replay): draw once per frame, not once per row.
    this.frame ??= window.requestAnimationFrame(() => {
      this.frame = undefined;
      this.listeners.forEach((listener) => listener(this.state));
    });
  }
}

export const checkoutSession = new CheckoutSession();
