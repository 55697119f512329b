import { CreateOrchestratorSchema1763700000000 } from './1763700000000-create-checkout-schema';
import { CreateOutboxAndInbox1763700000001 } from './1763700000001-create-outbox-and-inbox';
import { CreateCheckoutSagaTables1763700000002 } from './1763700000002-create-checkout-saga-tables';
import { AddOutboxTraceparent1763700000100 } from './1763700000100-add-outbox-traceparent';
import { AddTimerTraceparent1763700000101 } from './1763700000101-add-timer-traceparent';
import { CreateRetentionTables1763700003700 } from './1763700003700-create-retention-tables';
import { AnnounceFirstOutboxId1763700004900 } from './1763700004900-announce-first-outbox-id';

/** In the order they run. */
export const checkoutMigrations = [
  CreateOrchestratorSchema1763700000000,
  CreateOutboxAndInbox1763700000001,
  CreateCheckoutSagaTables1763700000002,
  AddOutboxTraceparent1763700000100,
  AddTimerTraceparent1763700000101,
  CreateRetentionTables1763700003700,
  AnnounceFirstOutboxId1763700004900,
];
