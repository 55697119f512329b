import { ChaosError } from './chaos.errors';
import { ExperimentBudget, type BudgetFacts } from './experiment-budget';

const NOW = new Date('2026-12-06T20:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const idle: BudgetFacts = { now: NOW, activeUntil: null, lastVerdictAt: null, startedThisHour: 0, oldestThisHour: null, startedByClient: 0, oldestByClient: null };
const budget = new ExperimentBudget({ coolDownSeconds: 30, perHour: 20, perClient: 3, clientWindowMinutes: 10 });

function refusal(facts: BudgetFacts, who: 'visitor' | 'operator' = 'visitor') {
  try {
    budget.admit(facts, who);
    return null;
  } catch (error) {
    if (!(error instanceof ChaosError)) throw error;
    return { code: error.code, status: error.status, retryAfter: error.retryAfterSeconds, message: error.message };
  }
}

describe('the visitors’ shared chaos budget', () => {
  it('admits a visitor when no experiment runs, the cool-down is over and allowance is left', () => {
    expect(refusal({ ...idle, lastVerdictAt: ago(31), startedThisHour: 19, startedByClient: 2, oldestByClient: ago(60) })).toBeNull();
  });

  it('refuses anyone while another experiment runs, with a retry after its deadline, verdict and cool-down', () => {
    const running = { ...idle, activeUntil: new Date(NOW.getTime() + 10_000) };
    expect(refusal(running)).toMatchObject({ code: 'CHAOS.BUSY', status: 429, retryAfter: 60 });
    expect(refusal(running, 'operator')).toMatchObject({ code: 'CHAOS.BUSY' });
  });

  it('refuses a visitor during the cool-down after a verdict, until it ends', () => {
    expect(refusal({ ...idle, lastVerdictAt: ago(12) })).toMatchObject({ code: 'CHAOS.COOLING_DOWN', status: 429, retryAfter: 18, message: /rests 30 s/ });
  });

  it('refuses a visitor once the hour’s allowance is spent, until its oldest experiment is an hour old', () => {
    expect(refusal({ ...idle, startedThisHour: 20, oldestThisHour: ago(3000) })).toMatchObject({ code: 'CHAOS.HOURLY_BUDGET_SPENT', retryAfter: 600 });
  });

  it('refuses a client past its own allowance while others may still start', () => {
    const spent = { ...idle, startedThisHour: 3, oldestThisHour: ago(400), startedByClient: 3, oldestByClient: ago(400) };
    expect(refusal(spent)).toMatchObject({ code: 'CHAOS.CLIENT_BUDGET_SPENT', retryAfter: 200, message: /3 experiments in 10 minutes/ });
    expect(refusal({ ...spent, startedByClient: 0, oldestByClient: null })).toBeNull();
  });

  it('holds an operator only to one experiment at a time', () => {
    expect(refusal({ ...idle, lastVerdictAt: ago(1), startedThisHour: 50, oldestThisHour: ago(10) }, 'operator')).toBeNull();
  });

  it('shows the page whether a slot is free, when the next opens and what is left', () => {
    expect(budget.view({ ...idle, lastVerdictAt: ago(10), startedThisHour: 5, oldestThisHour: ago(100), startedByClient: 1, oldestByClient: ago(100) })).toEqual({
      slotFree: false,
      running: false,
      nextSlotAt: new Date(NOW.getTime() + 20_000).toISOString(),
      coolDownSeconds: 30,
      hour: { limit: 20, left: 15 },
      client: { limit: 3, left: 2, windowMinutes: 10, nextAt: new Date(NOW.getTime() + 500_000).toISOString() },
    });
    expect(budget.view(idle)).toMatchObject({ slotFree: true, nextSlotAt: NOW.toISOString() });
    expect(budget.view({ ...idle, activeUntil: NOW })).toMatchObject({ slotFree: false, running: true, nextSlotAt: null });
  });
});
