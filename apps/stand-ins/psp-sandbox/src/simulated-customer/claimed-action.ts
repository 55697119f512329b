import type { EntityManager } from 'typeorm';
import type { CheckoutSession } from '../checkout-sessions/checkout-session.entity';
import { SESSION_COLUMNS, type SessionRow, sessionFromRow } from '../checkout-sessions/session-row';
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

/** A claimed action and its session, locked; null when the session is gone. */
export interface ClaimedActionWithSession {
  readonly action: ClaimedAction;
  readonly session: CheckoutSession | null;
}

type ClaimRow = SessionRow & {
  action_id: string;
  action_session_id: string;
  action_kind: CustomerActionKind;
  action_webhook_copies: number;
  action_traceparent: string | null;
  session_found: boolean;
};

/**
 * Claims up to `limit` due actions and locks their sessions, in one statement, and marks the
 * actions done in the same transaction as their effects: they happen completely, exactly once,
 * or (on rollback) stay due. SKIP LOCKED lets another sandbox sharing the database claim the
 * next ones meanwhile. The sessions are locked in id order (so two batches never wait on each
 * other in a cycle); the actions come back in due order, so two on one session apply in the
 * order the customer took them.
 */
export async function claimDueActions(tx: EntityManager, now: Date, limit: number): Promise<ClaimedActionWithSession[]> {
  const rows: ClaimRow[] = await tx.query(
    `WITH claimed AS (
       UPDATE psp.customer_actions SET done_at = $1
       WHERE id IN (
         SELECT id FROM psp.customer_actions
         WHERE done_at IS NULL AND due_at <= $1
         ORDER BY due_at LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING id, session_id, kind, webhook_copies, traceparent, due_at),
     locked AS (
       SELECT ${SESSION_COLUMNS} FROM psp.checkout_sessions
       WHERE id IN (SELECT session_id FROM claimed) ORDER BY id FOR UPDATE)
     SELECT c.id AS action_id, c.session_id AS action_session_id, c.kind AS action_kind,
            c.webhook_copies AS action_webhook_copies, c.traceparent AS action_traceparent,
            l.id IS NOT NULL AS session_found, l.*
     FROM claimed c LEFT JOIN locked l ON l.id = c.session_id
     ORDER BY c.due_at, c.id`,
    [now, limit],
  );
  // Two actions on one session share one object: the performer changes it in place, so the
  // second sees what the first did.
  const sessions = new Map<string, CheckoutSession>();
  const shared = (row: ClaimRow): CheckoutSession => {
    const session = sessions.get(row.id) ?? sessionFromRow(row);
    sessions.set(row.id, session);
    return session;
  };
  return rows.map((row) => {
    const session = row.session_found ? shared(row) : null;
    return {
      action: { id: row.action_id, sessionId: row.action_session_id, kind: row.action_kind, webhookCopies: row.action_webhook_copies, traceparent: row.action_traceparent },
      session,
    };
  });
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
