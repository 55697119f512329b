import { CreatePspSandboxSchema1763700000000 } from './1763700000000-create-psp-schema';
import { CreateSandboxTables1763700000001 } from './1763700000001-create-sandbox-tables';
import { DelayedPayments1763700000002 } from './1763700000002-delayed-payments';
import { AddTraceContext1763700000100 } from './1763700000100-add-trace-context';
import { CreateRetentionTables1763700003700 } from './1763700003700-create-retention-tables';

/** In the order they run. */
export const pspMigrations = [
  CreatePspSandboxSchema1763700000000,
  CreateSandboxTables1763700000001,
  DelayedPayments1763700000002,
  AddTraceContext1763700000100,
  CreateRetentionTables1763700003700,
];
