import { DynamicModule, Module } from '@nestjs/common';
import type { BffConfig } from '../config';
import { UpstreamClient } from '../upstream/upstream.client';
import { UpstreamModule } from '../upstream/upstream.module';
import { ChaosAgentClient } from './chaos-agent.client';
import { ChaosBudgetGauge } from './chaos-budget.gauge';
import { ChaosHttpController } from './chaos.http.controller';

/** The chaos page's edge API: /api/chaos/* and /api/invariants, in front of the chaos agent. */
@Module({})
export class ChaosModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: ChaosModule,
      imports: [UpstreamModule],
      controllers: [ChaosHttpController],
      providers: [
        {
          provide: ChaosAgentClient,
          useFactory: (upstream: UpstreamClient) => new ChaosAgentClient(upstream, config.CHAOS_AGENT_URL),
          inject: [UpstreamClient],
        },
        ChaosBudgetGauge,
      ],
    };
  }
}
