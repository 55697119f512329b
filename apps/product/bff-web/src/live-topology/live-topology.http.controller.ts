import type { LiveTopologyView } from '@checkout/contracts/views';
import { Controller, Get } from '@nestjs/common';
import { LiveTopologyService } from './live-topology.service';

/**
 * GET /api/demo/topology — the architecture diagram's live figures: each service's readiness,
 * replicas, requests served and messages published and consumed a second. Read-only, no
 * parameters; shared between visitors for two seconds.
 */
@Controller('api/demo/topology')
export class LiveTopologyHttpController {
  constructor(private readonly topology: LiveTopologyService) {}

  @Get()
  topologyNow(): Promise<LiveTopologyView> {
    return this.topology.view();
  }
}
