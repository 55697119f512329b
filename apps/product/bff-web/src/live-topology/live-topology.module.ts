import { Module } from '@nestjs/common';
import { ClusterHealthModule } from '../cluster-health/cluster-health.module';
import { LiveTopologyHttpController } from './live-topology.http.controller';
import { LiveTopologyService } from './live-topology.service';

/** The architecture page's live figures: readiness from the health probes, rates from Prometheus. */
@Module({
  imports: [ClusterHealthModule],
  controllers: [LiveTopologyHttpController],
  providers: [LiveTopologyService],
})
export class LiveTopologyModule {}
