import { Inject, Injectable } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { publicChecks, type PublicChecks } from './public-checks';

const TIMEOUT_MS = 1500;
/** How long one look at the cluster is shown to every visitor before the next is taken. */
export const CLUSTER_VIEW_TTL_MS = 1000;

export interface ServiceView {
  name: string;
  ready: boolean;
  checks: PublicChecks;
}

export interface ClusterView {
  services: ServiceView[];
  at: string;
}

/**
 * Every service's readiness, as a visitor may see it. One look is shared by every request for
 * about a second, and concurrent requests wait for the same look: however many dashboards are
 * open, the services' /health/ready endpoints are asked at most about once a second.
 */
@Injectable()
export class ClusterHealthService {
  private cached?: { view: Promise<ClusterView>; takenAt: number };

  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  view(): Promise<ClusterView> {
    const now = Date.now();
    if (!this.cached || now - this.cached.takenAt >= CLUSTER_VIEW_TTL_MS) {
      this.cached = { view: this.look(), takenAt: now };
    }
    return this.cached.view;
  }

  private async look(): Promise<ClusterView> {
    const services: [string, string][] = [
      ['bff-web', ownUrl(this.config)],
      ['checkout-orchestrator', this.config.ORCHESTRATOR_URL],
      ['catalog-svc', this.config.CATALOG_URL],
      ['payments-svc', this.config.PAYMENTS_URL],
      ['psp-sandbox', this.config.PSP_URL],
    ];
    return { services: await Promise.all(services.map(([name, url]) => readiness(name, url))), at: new Date().toISOString() };
  }
}

/** This edge's own address from where it runs: loopback when it listens on every interface. */
function ownUrl(config: BffConfig): string {
  const host = ['0.0.0.0', '::'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

async function readiness(name: string, url: string): Promise<ServiceView> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json()) as { details?: Record<string, unknown> };
    return { name, ready: response.status === 200, checks: publicChecks(body.details) };
  } catch {
    return { name, ready: false, checks: {} };
  }
}
