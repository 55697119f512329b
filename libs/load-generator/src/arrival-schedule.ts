/**
 * Open loop: how many checkouts should have started `elapsedMs` into the run at `perSecond`,
 * minus those already started. Computed from elapsed time rather than by counting ticks, so a
 * late timer (a busy event loop) catches up instead of silently lowering the offered rate.
 */
export function dueArrivals(elapsedMs: number, perSecond: number, startedSoFar: number): number {
  const due = Math.floor((elapsedMs * perSecond) / 1000) + 1;
  return Math.max(0, due - startedSoFar);
}
