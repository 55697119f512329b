/**
 * The architecture page's live figures (GET /api/demo/topology): each service's readiness, as
 * the edge's own probes see it, and from Prometheus its replicas and its current rates.
 */
export interface LiveTopologyView {
  readonly at: string;
  /** False when Prometheus could not be read: every replica count and rate is then null. */
  readonly metrics: boolean;
  readonly services: readonly LiveServiceView[];
}

export interface LiveServiceView {
  readonly name: string;
  readonly ready: boolean;
  /** Replicas running now: consumers on its queues as RabbitMQ counts them, else healthy targets. */
  readonly replicas: number | null;
  /** HTTP requests it served a second, probes and scrapes left out. */
  readonly requestsPerSecond: number | null;
  /** Messages it published (broker-confirmed) a second. */
  readonly publishedPerSecond: number | null;
  /** Messages it took off its queues a second. */
  readonly consumedPerSecond: number | null;
}
