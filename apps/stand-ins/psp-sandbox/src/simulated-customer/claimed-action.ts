import type { EntityManager } from 'typeorm';
import type { CustomerActionKind } from './customer-action.entity';

/** A due customer action, claimed (and marked done) by the transaction that carries it out. */
export interface ClaimedAction {
  readonly id: string;
  readonly sessionId: string;
  readonly kind: CustomerActionKind;
  readonly webhookCopies: number;
  /** The trace of the API call that planned it; null when that call was not traced. */
  readonly traceparent: string | null;
}

/**
 * Claims up to `limit` due actions in one statement and marks them done in the same
 * transaction as their effects: they happen completely, exactly once, or (on rollback) stay
 * due. SKIP LOCKED lets another sandbox sharing the database claim the next ones meanwhile.
 * In due order, so two actions on one session apply in the order the customer took them.
 */
export async function claimDueActions(tx: EntityManager, now: Date, limit: number): Promise<ClaimedAction[]> {
  // A CTE ending in SELECT: TypeORM returns plain rows for it (for a bare UPDATE, a tuple).
  const rows: { id: string; session_id: string; kind: CustomerActionKind; webhook_copies: number; traceparent: string | null }[] = await tx.query(
    `WITH claimed AS (
       UPDATE psp.customer_actions SET done_at = $1
       WHERE id IN (
         SELECT id FROM psp.customer_actions
         WHERE done_at IS NULL AND due_at <= $1
         ORDER BY due_at LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING id, session_id, kind, webhook_copies, traceparent, due_at)
     SELECT id, session_id, kind, webhook_copies, traceparent FROM claimed ORDER BY due_at, id`,
    [now, limit],
  );
  return rows.map((row) => ({ id: row.id, sessionId: row.session_id, kind: row.kind, webhookCopies: row.webhook_copies, traceparent: row.traceparent }));
}

/**
 * When the next action not yet due falls due, for the worker to wake then: another sandbox
 * (or this one before a restart) may have planned it, and the fallback poll is slow.
 */
export async function nextActionDue(tx: EntityManager, now: Date): Promise<Date | null> {
  // Only the future: an action due now but not claimed is locked by another sandbox, which
  // does it; waking for it would spin.
  const [row]: { due_at: Date | null }[] = await tx.query(
    'SELECT min(due_at) AS due_at FROM psp.customer_actions WHERE done_at IS NULL AND due_at > $1',
    [now],
  );
  return row?.due_at ?? null;
}
