/**
 * Runs `tick` now, then again `everyMs` after each run settled, while the tab is visible. The
 * next run is scheduled only after the previous one settled, so a hung edge never piles requests
 * up; a hidden tab stops polling and catches up as soon as it is shown again. Nothing is
 * scheduled once `signal` is aborted. Returns the function that stops it.
 */
export function pollWhileVisible(tick: () => Promise<void>, everyMs: number, signal: AbortSignal): () => void {
  let timer: number | undefined;
  let inFlight = false;

  const run = async (): Promise<void> => {
    window.clearTimeout(timer);
    if (inFlight) return; // the run under way schedules the next one
    inFlight = true;
    try {
      await tick();
    } finally {
      inFlight = false;
    }
    if (!signal.aborted && document.visibilityState === 'visible') {
      timer = window.setTimeout(() => void run(), everyMs);
    }
  };

  const onVisibility = (): void => {
    if (document.visibilityState === 'visible') void run();
    else window.clearTimeout(timer);
  };
  document.addEventListener('visibilitychange', onVisibility);
  void run();

  return () => {
    window.clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
