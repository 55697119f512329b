import type { LiveLoadState } from '@checkout/contracts/views';
import { formatClock } from '../format/time';

const clock = (iso: string) => formatClock(iso).slice(0, 8);

/**
 * What the chaos page says about the shared live load: it runs only while someone has this
 * page open or an experiment runs, so a visitor is told when it started (usually: when they
 * came) and that it stops two minutes after the last of them.
 */
export function liveLoadText(state: LiveLoadState | null): string {
  if (!state) return 'Live load: connecting… it starts when this page opens its live stream.';
  if (state.perSecond === 0) return 'Live load: switched off on this cluster (LIVE_LOAD_PER_SECOND=0).';
  const rule = `It runs while this page is open somewhere or an experiment runs, and stops ${state.lingerSeconds / 60} minutes after the last of them.`;
  if (!state.running || !state.since) return `Live load: starting now (${state.perSecond} paying checkouts a second). ${rule}`;
  const stops = state.stopsAt ? ` With nobody here it stops at ${clock(state.stopsAt)}.` : '';
  return `Live load: ${state.perSecond} paying checkouts a second since ${clock(state.since)}. ${rule}${stops}`;
}

/**
 * Opens the chaos page's live stream (which itself keeps the live load running) and calls
 * `show` with each `load` event. The browser reconnects a dropped stream by itself. Returns
 * the function that closes it.
 */
export function followLiveLoad(show: (state: LiveLoadState) => void): () => void {
  const stream = new EventSource('/api/chaos/live');
  stream.addEventListener('load', (event) => show(JSON.parse((event as MessageEvent<string>).data) as LiveLoadState));
  return () => stream.close();
}
