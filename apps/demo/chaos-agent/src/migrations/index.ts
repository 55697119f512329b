import { CreateChaosSchema1763800000000 } from './1763800000000-create-chaos-schema';
import { ExperimentBudgetAndHaltTokens1765000000000 } from './1765000000000-experiment-budget-and-halt-tokens';

/** In the order they run. */
export const chaosMigrations = [CreateChaosSchema1763800000000, ExperimentBudgetAndHaltTokens1765000000000];
