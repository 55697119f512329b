import type { LiveServiceView, LiveTopologyView } from '@checkout/contracts/views';
import type { InstantSample } from '../prometheus/prometheus.client';

/**
 * The recording rule behind each figure of a service on the diagram
 * (deploy/prometheus/rules/recording.rules.yml, group checkout-cluster-live). Each is one instant
 * query, labelled by `service`.
 */
export const TOPOLOGY_FIGURES = {
  replicas: 'service:replicas:count',
  requestsPerSecond: 'service:http_requests_served:rate45s',
  publishedPerSecond: 'service:messages_published:rate45s',
  consumedPerSecond: 'service:messages_consumed:rate45s',
} as const;

export type TopologyFigure = keyof typeof TOPOLOGY_FIGURES;
export type FigureSamples = Readonly<Record<TopologyFigure, readonly InstantSample[]>>;

/**
 * Each probed service with its figures. `figures` is null when Prometheus could not be read.
 * A service Prometheus has no replicas for has none running (0); a rate it has no series for
 * (the sandbox publishes nothing; a killed service reports nothing) is unknown (null), not 0.
 */
export function liveTopologyView(
  readiness: readonly { readonly name: string; readonly ready: boolean }[],
  figures: FigureSamples | null,
  at: Date,
): LiveTopologyView {
  const valueOf = (figure: TopologyFigure, service: string): number | null => {
    const sample = figures?.[figure].find((candidate) => candidate.metric.service === service);
    const value = sample ? Number(sample.value[1]) : NaN;
    return Number.isFinite(value) ? value : null;
  };
  const services = readiness.map(
    ({ name, ready }): LiveServiceView => ({
      name,
      ready,
      replicas: figures ? (valueOf('replicas', name) ?? 0) : null,
      requestsPerSecond: valueOf('requestsPerSecond', name),
      publishedPerSecond: valueOf('publishedPerSecond', name),
      consumedPerSecond: valueOf('consumedPerSecond', name),
    }),
  );
  return { at: at.toISOString(), metrics: figures !== null, services };
}
