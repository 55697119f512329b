import type { LiveTopologyView } from '@checkout/contracts/views';
import { Injectable } from '@nestjs/common';
import { ClusterHealthService } from '../cluster-health/cluster-health.service';
import { MetricsUnavailableError, PrometheusClient } from '../prometheus/prometheus.client';
import { liveTopologyView, TOPOLOGY_FIGURES, type FigureSamples, type TopologyFigure } from './topology-figures';

/** Prometheus evaluates the rules every 15 s; one look serves every visitor for 2 s. */
export const TOPOLOGY_VIEW_TTL_MS = 2000;

/**
 * The diagram's live figures: readiness from the edge's own probes (the health dashboard's
 * view, shared), replicas and rates from Prometheus. Prometheus away costs the figures, not
 * the readiness: the diagram still shows which services are up.
 */
@Injectable()
export class LiveTopologyService {
  private cached?: { view: Promise<LiveTopologyView>; takenAt: number };

  constructor(
    private readonly health: ClusterHealthService,
    private readonly prometheus: PrometheusClient,
  ) {}

  view(): Promise<LiveTopologyView> {
    const now = Date.now();
    if (!this.cached || now - this.cached.takenAt >= TOPOLOGY_VIEW_TTL_MS) this.cached = { view: this.look(), takenAt: now };
    return this.cached.view;
  }

  private async look(): Promise<LiveTopologyView> {
    const [cluster, figures] = await Promise.all([this.health.view(), this.figures()]);
    return liveTopologyView(cluster.services, figures, new Date());
  }

  private async figures(): Promise<FigureSamples | null> {
    const ask = (figure: TopologyFigure) => this.prometheus.query(TOPOLOGY_FIGURES[figure]);
    try {
      const [replicas, requestsPerSecond, publishedPerSecond, consumedPerSecond] = await Promise.all([
        ask('replicas'),
        ask('requestsPerSecond'),
        ask('publishedPerSecond'),
        ask('consumedPerSecond'),
      ]);
      return { replicas, requestsPerSecond, publishedPerSecond, consumedPerSecond };
    } catch (error) {
      if (error instanceof MetricsUnavailableError) return null;
      throw error;
    }
  }
}
