import { CreateCatalogSchema1763700000000 } from './1763700000000-create-catalog-schema';
import { CreateOutboxAndInbox1763700000001 } from './1763700000001-create-outbox-and-inbox';
import { CreateProductsAndReservations1763700000002 } from './1763700000002-create-products-and-reservations';
import { SeedProducts1763700000003 } from './1763700000003-seed-products';
import { AddOutboxTraceparent1763700000100 } from './1763700000100-add-outbox-traceparent';
import { CreateRetentionTables1763700003700 } from './1763700003700-create-retention-tables';
import { AnnounceFirstOutboxId1763700004900 } from './1763700004900-announce-first-outbox-id';

/** In the order they run. */
export const catalogMigrations = [
  CreateCatalogSchema1763700000000,
  CreateOutboxAndInbox1763700000001,
  CreateProductsAndReservations1763700000002,
  SeedProducts1763700000003,
  AddOutboxTraceparent1763700000100,
  CreateRetentionTables1763700003700,
  AnnounceFirstOutboxId1763700004900,
];
