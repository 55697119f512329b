import { CreateOrchestratorSchema1763700000000 } from './1763700000000-create-checkout-schema';
import { CreateOutboxAndInbox1763700000001 } from './1763700000001-create-outbox-and-inbox';

/** In the order they run. */
export const checkoutMigrations = [CreateOrchestratorSchema1763700000000, CreateOutboxAndInbox1763700000001];
