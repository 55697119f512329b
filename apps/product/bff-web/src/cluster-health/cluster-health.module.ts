import { Module } from '@nestjs/common';
import { ClusterHealthHttpController } from './cluster-health.http.controller';
import { ClusterHealthService } from './cluster-health.service';

/** The health dashboard's API: every service's readiness as visitors may see it. */
@Module({
  controllers: [ClusterHealthHttpController],
  providers: [ClusterHealthService],
  // The live topology shows the same readiness on the architecture page.
  exports: [ClusterHealthService],
})
export class ClusterHealthModule {}
