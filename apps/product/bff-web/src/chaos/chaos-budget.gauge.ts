import { MetricsService } from '@checkout/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChaosAgentClient } from './chaos-agent.client';

/**
 * `chaos_budget_remaining`: experiments left in this hour's allowance, shared by every visitor,
 * read from the chaos agent when Prometheus scrapes the edge (the agent itself is not scraped).
 * The ChaosBudgetExhausted alert fires when it stays at 0. With the agent away the gauge keeps
 * its last value rather than inventing one.
 */
@Injectable()
export class ChaosBudgetGauge implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly agent: ChaosAgentClient,
  ) {}

  onModuleInit(): void {
    const agent = this.agent;
    this.metrics.gauge('chaos_budget_remaining', "Chaos experiments left in this hour's allowance shared by every visitor", [], async (gauge) => {
      const budget = await agent.budget().catch(() => null);
      if (budget) gauge.set(budget.hour.left);
    });
  }
}
