import { Controller, Get, Inject } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

const TIMEOUT_MS = 1500;

/**
 * GET /api/demo/health — every service's readiness at a glance, for the health dashboard.
 * A service that does not answer within 1.5 s is shown down, so an outage shows in seconds.
 */
@Controller('api/demo/health')
export class ClusterHealthHttpController {
  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  @Get()
  @SkipThrottle()
  async health() {
    const services: [string, string][] = [
      ['bff-web', `http://127.0.0.1:${this.config.PORT}`],
      ['checkout-orchestrator', this.config.ORCHESTRATOR_URL],
      ['catalog-svc', this.config.CATALOG_URL],
      ['payments-svc', this.config.PAYMENTS_URL],
      ['psp-sandbox', this.config.PSP_URL],
    ];
    return { services: await Promise.all(services.map(([name, url]) => readiness(name, url))), at: new Date().toISOString() };
  }
}

async function readiness(name: string, url: string) {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json()) as { details?: Record<string, unknown> };
    return { name, url, ready: response.status === 200, checks: body.details ?? {} };
  } catch {
    return { name, url, ready: false, checks: {} };
  }
}
