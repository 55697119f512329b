import { CreateOrchestratorSchema1763700000000 } from './1763700000000-create-checkout-schema';

/** In the order they run. */
export const checkoutMigrations = [CreateOrchestratorSchema1763700000000];
