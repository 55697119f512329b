import { DynamicModule, Module } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { ChaosAgentClient } from './chaos-agent.client';
import { ChaosBudgetGauge } from './chaos-budget.gauge';
import { ChaosHttpController } from './chaos.http.controller';

/** The chaos page's edge API: /api/chaos/* and /api/invariants, in front of the chaos agent. */
@Module({})
export class ChaosModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: ChaosModule,
      controllers: [ChaosHttpController],
      providers: [
        { provide: ChaosAgentClient, useValue: new ChaosAgentClient(config.CHAOS_AGENT_URL) },
        // The operator token decides whether a request is an operator's.
        { provide: BFF_CONFIG, useValue: config },
        ChaosBudgetGauge,
      ],
    };
  }
}
