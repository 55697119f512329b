import { Controller, Get } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ClusterHealthService } from './cluster-health.service';

/**
 * GET /api/demo/health — every service's readiness at a glance, for the health dashboard.
 * A service that does not answer within 1.5 s is shown down, so an outage shows in seconds.
 * Limited per client by a limit of its own (RATE_LIMIT_HEALTH_PER_MINUTE, see RateLimitsModule;
 * the page polls it, so it is not counted against the general limit), and
 * served from a view shared for about a second, so it cannot crowd out the edge's own
 * /health/ready, which the supervisor asks and which is never rate-limited.
 */
@Controller('api/demo/health')
export class ClusterHealthHttpController {
  constructor(private readonly cluster: ClusterHealthService) {}

  @Get()
  @SkipThrottle({ default: true })
  health() {
    return this.cluster.view();
  }
}
