import type { LiveServiceView, LiveTopologyView } from '@checkout/contracts/views';
import type { LinkRate } from './system-map';

/** A service box's live line: readiness as the edge's probes see it, replicas from Prometheus. */
export interface NodeFigure {
  /** null before the first answer. */
  readonly ready: boolean | null;
  readonly replicas: number | null;
  readonly text: string;
}

/** An arrow's live label, and the rate it adds up to (for the diagram's data attributes). */
export interface LinkFigure {
  readonly perSecond: number | null;
  readonly text: string;
}

const find = (view: LiveTopologyView, service: string): LiveServiceView | undefined => view.services.find((entry) => entry.name === service);

export function nodeFigure(view: LiveTopologyView | null, service: string): NodeFigure {
  if (!view) return { ready: null, replicas: null, text: '' };
  const live = find(view, service);
  if (!live) return { ready: false, replicas: null, text: 'not probed' };
  const replicas = live.replicas === null ? '' : ` · ${live.replicas} ${live.replicas === 1 ? 'replica' : 'replicas'}`;
  return { ready: live.ready, replicas: live.replicas, text: `${live.ready ? 'ready' : 'not ready'}${replicas}` };
}

/** Requests up to a service; messages published up to the broker and consumed down from it. */
export function linkFigure(view: LiveTopologyView | null, rate: LinkRate): LinkFigure | null {
  if (!view?.metrics) return null;
  if (rate.count === 'bridged') {
    // The edge consumes its bridge queue and nothing else.
    const perSecond = find(view, 'bff-web')?.consumedPerSecond ?? null;
    return { perSecond, text: `${formatRate(perSecond)} msg/s` };
  }
  const live = find(view, rate.of);
  if (rate.count === 'requests') {
    const perSecond = live?.requestsPerSecond ?? null;
    return { perSecond, text: `${formatRate(perSecond)} req/s` };
  }
  const up = live?.publishedPerSecond ?? null;
  const down = live?.consumedPerSecond ?? null;
  const perSecond = up === null && down === null ? null : (up ?? 0) + (down ?? 0);
  return { perSecond, text: `↑ ${formatRate(up)} ↓ ${formatRate(down)} msg/s` };
}

/** One decimal under 10 a second, whole numbers above; a dash where nothing was measured. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) return '–';
  if (perSecond < 0.05) return '0';
  return perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond));
}
