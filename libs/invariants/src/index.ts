export { AUDITED_SCHEMAS, provisionAuditRole, type AuditRoleOptions } from './audit-role';
export { brokerDeadLetterProbe, SERVICE_QUEUES } from './dead-letter-probe';
export { INVARIANTS, InvariantChecker, type CheckOptions } from './invariant-checker';
export type {
  DeadLetterProbe,
  Finding,
  InvariantReport,
  InvariantResult,
  InvariantStatus,
  StockBaseline,
} from './invariant.types';
