import { Pool } from 'pg';
import { completedChargedOnce, cancelledKeepsNothing, noRefundWithoutPayment } from './checks/money.checks';
import { deadLettersAsInjected, OUTBOX_SCHEMAS, outboxesDrained } from './checks/messaging.checks';
import { retentionHorizon } from './checks/retention.sql';
import { everyCheckoutTerminal, noTimersOnFinishedCheckouts, payingCustomersNotCancelled } from './checks/saga.checks';
import { COMMITTED_UNITS_BY_SKU, reservedMatchesHeldReservations, soldMatchesCompleted, stockNotNegative } from './checks/stock.checks';
import type {
  CheckContext,
  DeadLetterProbe,
  InvariantCheck,
  InvariantReport,
  InvariantResult,
  Queryable,
  StockBaseline,
} from './invariant.types';

/** Every invariant, in the order the chaos page lists them. */
export const INVARIANTS: readonly InvariantCheck[] = [
  everyCheckoutTerminal,
  noTimersOnFinishedCheckouts,
  stockNotNegative,
  reservedMatchesHeldReservations,
  soldMatchesCompleted,
  completedChargedOnce,
  cancelledKeepsNothing,
  noRefundWithoutPayment,
  outboxesDrained,
  deadLettersAsInjected,
  payingCustomersNotCancelled,
];

const EXAMPLES = 5;

export interface CheckOptions {
  /** When the last fault ended, if there was one: the terminal bound counts from here. */
  readonly lastFaultEndedAt?: Date;
  /** How long after the last fault every checkout must be terminal (default 120 s). */
  readonly terminalWithinMs?: number;
  /** Rows younger than this are in flight and not judged (default 10 s; 0 once the cluster settled). */
  readonly quietMs?: number;
  readonly baseline?: StockBaseline;
  readonly poisonInjected?: number;
  /** Time to judge at (default now); tests pass it to be independent of the clock. */
  readonly now?: Date;
}

/**
 * The audit of the whole cluster: reads every service's schema through the read-only audit
 * role, in one snapshot, and reports each invariant as passed, failed (with examples) or
 * skipped. Used alike by the chaos page, the soak and the tests.
 */
export class InvariantChecker {
  constructor(
    private readonly pool: Pool,
    private readonly deadLetters?: DeadLetterProbe,
  ) {}

  static connect(auditUrl: string, deadLetters?: DeadLetterProbe): InvariantChecker {
    return new InvariantChecker(new Pool({ connectionString: auditUrl, max: 2, application_name: 'invariant-checker' }), deadLetters);
  }

  /**
   * Stock on hand and units committed now, from one snapshot: pass it back to `check` to catch
   * an oversell, not only a mismatch. Both counts come from the same statement, so a sale that
   * commits while the baseline is read is on both sides or on neither (a timestamp cut-off was
   * not: a commit begun before it and finished after it left the shelf uncounted).
   */
  async stockBaseline(): Promise<StockBaseline> {
    const { rows } = await this.pool.query<{ sku: string; on_hand: number; committed: number; at: Date }>(
      `SELECT p.sku, p.on_hand, coalesce(c.qty, 0)::int AS committed, clock_timestamp() AS at
         FROM catalog.products p LEFT JOIN (${COMMITTED_UNITS_BY_SKU}) c ON c.sku = p.sku`,
    );
    return {
      at: rows[0]?.at ?? new Date(),
      onHand: Object.fromEntries(rows.map((row) => [row.sku, row.on_hand])),
      committed: Object.fromEntries(rows.map((row) => [row.sku, row.committed])),
    };
  }

  async check(options: CheckOptions = {}): Promise<InvariantReport> {
    const now = options.now ?? new Date();
    const results = await this.inSnapshot(async (db) => {
      const context: CheckContext = {
        quietBefore: new Date(now.getTime() - (options.quietMs ?? 10_000)),
        terminalBefore: terminalCutoff(now, options),
        // Read in the snapshot the checks read: a deletion is on both sides of it or neither.
        horizon: await retentionHorizon(db),
        baseline: options.baseline,
        poisonInjected: options.poisonInjected ?? 0,
        deadLetters: this.deadLetters,
      };
      return sequentially(INVARIANTS, (check) => judge(check, db, context));
    });
    return {
      checkedAt: now.toISOString(),
      passed: results.every((result) => result.status !== 'failed'),
      results,
    };
  }

  /** Checkouts created in [from, to): how many, and how many have ended (the blast radius of a fault). */
  async checkoutsStartedBetween(from: Date, to: Date): Promise<{ total: number; terminal: number }> {
    const { rows } = await this.pool.query<{ total: number; terminal: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE state IN ('Completed', 'Cancelled'))::int AS terminal
         FROM checkout.checkouts WHERE created_at >= $1 AND created_at < $2`,
      [from, to],
    );
    return rows[0];
  }

  /** Unsent outbox rows per service schema, for the live plots. */
  async outboxBacklog(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ schema: string; pending: number }>(
      OUTBOX_SCHEMAS.map((schema) => `SELECT '${schema}' AS schema, count(*)::int AS pending FROM ${schema}.outbox WHERE sent_at IS NULL`).join(' UNION ALL '),
    );
    return Object.fromEntries(rows.map((row) => [row.schema, row.pending]));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** One REPEATABLE READ transaction: every check sees the same instant of every schema. */
  private async inSnapshot<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await work(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }
}

/**
 * A checkout is stuck once the bound has passed since the later of its creation and the last
 * fault: so while the bound after the last fault runs, nothing is judged stuck yet.
 */
function terminalCutoff(now: Date, options: CheckOptions): Date {
  const cutoff = now.getTime() - (options.terminalWithinMs ?? 120_000);
  const lastFault = options.lastFaultEndedAt?.getTime() ?? 0;
  return new Date(lastFault < cutoff ? cutoff : 0);
}

async function judge(check: InvariantCheck, db: Queryable, context: CheckContext): Promise<InvariantResult> {
  const findings = await check.run(db, context);
  const base = { name: check.name, statement: check.statement };
  if (findings === null) return { ...base, status: 'skipped', violations: 0, examples: [] };
  return {
    ...base,
    status: findings.length ? 'failed' : 'passed',
    violations: findings.length,
    examples: findings.slice(0, EXAMPLES),
  };
}

async function sequentially<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}
