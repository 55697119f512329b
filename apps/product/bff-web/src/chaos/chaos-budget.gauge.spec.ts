import { MetricsService } from '@checkout/platform';
import { ChaosAgentClient } from './chaos-agent.client';
import { ChaosBudgetGauge } from './chaos-budget.gauge';
import type { AgentBudget } from './chaos.views';

const budget = (left: number) => ({ hour: { limit: 20, left } }) as AgentBudget;

describe('the chaos budget gauge the ChaosBudgetExhausted alert reads', () => {
  function scrapeWith(answers: (AgentBudget | Error)[]) {
    const metrics = new MetricsService('bff-web');
    const agent = { budget: jest.fn(async () => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    }) } as unknown as ChaosAgentClient;
    new ChaosBudgetGauge(metrics, agent).onModuleInit();
    return { agent, scrape: async () => (await metrics.registry.getSingleMetricAsString('chaos_budget_remaining')).split('\n').at(-1) };
  }

  it("reads the hour's allowance from the agent when scraped, not before", async () => {
    const { agent, scrape } = scrapeWith([budget(7)]);
    expect(agent.budget).not.toHaveBeenCalled();
    expect(await scrape()).toMatch(/^chaos_budget_remaining(\{[^}]*\})? 7$/);
  });

  it('keeps the last value while the agent is away', async () => {
    const { scrape } = scrapeWith([budget(0), new Error('agent away')]);
    await scrape();
    expect(await scrape()).toMatch(/ 0$/);
  });
});
