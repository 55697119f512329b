import type { TimelineSample } from '../api/chaos-api.types';
import type { PlotSpec } from './timeline-series';

const SCHEMAS = ['checkout', 'catalog', 'payments'];
const QUEUES = ['checkout-orchestrator', 'catalog-svc', 'payments-svc'];

const perKey = (keys: readonly string[], pick: (sample: TimelineSample) => Readonly<Record<string, number>>) =>
  keys.map((key) => ({ label: key, pick: (sample: TimelineSample) => pick(sample)[key] ?? null }));

/** The chaos page's plots, in the order they appear. */
export const CHAOS_PLOTS: readonly PlotSpec[] = [
  { title: 'Completed checkouts / s', series: [{ label: 'completed/s', pick: (s) => s.completedPerSecond }] },
  { title: 'Checkouts in flight', series: [{ label: 'in flight', pick: (s) => s.inFlight }] },
  { title: 'p95 POST → end (ms)', series: [{ label: 'p95 ms', pick: (s) => s.p95Ms }] },
  { title: 'Failed requests / s', series: [{ label: 'failed', pick: (s) => s.failedRequests }] },
  { title: 'Outbox backlog', series: perKey(SCHEMAS, (s) => s.outbox) },
  { title: 'Queue depth', series: perKey(QUEUES, (s) => s.queues) },
  { title: 'Dead letters', series: perKey(QUEUES, (s) => s.deadLetters) },
];
