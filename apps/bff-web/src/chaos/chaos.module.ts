import { DynamicModule, Module } from '@nestjs/common';
import type { BffConfig } from '../config';
import { ChaosAgentClient } from './chaos-agent.client';
import { ChaosHttpController } from './chaos.http.controller';

/** The chaos page's edge API: /api/chaos/* and /api/invariants, in front of the chaos agent. */
@Module({})
export class ChaosModule {
  static forRoot(config: Pick<BffConfig, 'CHAOS_AGENT_URL'>): DynamicModule {
    return {
      module: ChaosModule,
      controllers: [ChaosHttpController],
      providers: [{ provide: ChaosAgentClient, useValue: new ChaosAgentClient(config.CHAOS_AGENT_URL) }],
    };
  }
}
