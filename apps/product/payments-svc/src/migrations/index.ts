import { CreatePaymentsSchema1763700000000 } from './1763700000000-create-payments-schema';
import { CreateOutboxAndInbox1763700000001 } from './1763700000001-create-outbox-and-inbox';
import { CreatePaymentsTables1763700000002 } from './1763700000002-create-payments-tables';
import { AllowExpiredPayments1763700000003 } from './1763700000003-allow-expired-payments';
import { AddOutboxTraceparent1763700000100 } from './1763700000100-add-outbox-traceparent';
import { CreateRetentionTables1763700003700 } from './1763700003700-create-retention-tables';
import { AddPaymentWatched1763700004100 } from './1763700004100-add-payment-watched';
import { AnnounceFirstOutboxId1763700004900 } from './1763700004900-announce-first-outbox-id';

/** In the order they run. */
export const paymentsMigrations = [
  CreatePaymentsSchema1763700000000,
  CreateOutboxAndInbox1763700000001,
  CreatePaymentsTables1763700000002,
  AllowExpiredPayments1763700000003,
  AddOutboxTraceparent1763700000100,
  CreateRetentionTables1763700003700,
  AddPaymentWatched1763700004100,
  AnnounceFirstOutboxId1763700004900,
];
