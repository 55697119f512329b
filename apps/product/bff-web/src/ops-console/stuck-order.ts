/** One checkout as the console lists it: the orchestrator's summary, less what it does not need. */
export interface ConsoleCheckout {
  checkoutId: string;
  state: string;
  /** Needs an operator, or has not moved for longer than the threshold in a state that is not final. */
  stuck: boolean;
  /** The state is one the saga table marks for attention (Failed): resume applies to it. */
  resumable: boolean;
  reason: string | null;
  refunded: boolean;
  total: number | null;
  currency: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StateInfo {
  name: string;
  final: boolean;
  attention: boolean;
}

type Summary = Omit<ConsoleCheckout, 'stuck' | 'resumable'>;

/** Marks a checkout stuck: it needs attention, or sat in a state that is not final past `stuckAfterMs`. */
export function classify(summary: Summary, state: StateInfo, now: number, stuckAfterMs: number): ConsoleCheckout {
  const idleMs = now - Date.parse(summary.updatedAt);
  const stuck = state.attention || (!state.final && idleMs > stuckAfterMs);
  return { ...summary, stuck, resumable: state.attention };
}

/**
 * Stuck ones first, those needing an operator ahead of the merely slow, the longest-stuck first
 * among them; everything else newest first.
 */
export function stuckFirst(a: ConsoleCheckout, b: ConsoleCheckout): number {
  const rank = (c: ConsoleCheckout) => (c.resumable ? 0 : c.stuck ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const byAge = a.updatedAt.localeCompare(b.updatedAt);
  return rank(a) < 2 ? byAge : -byAge;
}
