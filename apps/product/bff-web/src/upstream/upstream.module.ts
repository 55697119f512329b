import { Module } from '@nestjs/common';
import { UpstreamClient } from './upstream.client';

/** The HTTP client for the cluster's other services, for the features that call them. */
@Module({
  providers: [UpstreamClient],
  exports: [UpstreamClient],
})
export class UpstreamModule {}
