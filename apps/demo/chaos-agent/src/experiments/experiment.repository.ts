import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChaosError } from './chaos.errors';
import type { BudgetFacts } from './experiment-budget';
import { HYPOTHESIS, type ExperimentKind } from './experiment-catalogue';
import type { Experiment, ExperimentState, Verdict, VerdictCheck } from './experiment.record';

interface Row {
  id: string;
  kind: ExperimentKind;
  target: string;
  seconds: number;
  state: ExperimentState;
  started_at: Date;
  deadline_at: Date;
  reverted_at: Date | null;
  recovered_at: Date | null;
  finished_at: Date | null;
  evidence: Record<string, unknown>;
  verdict: { checks: VerdictCheck[]; verdict: Verdict | null } | null;
}

const UNIQUE_VIOLATION = '23505';
/** The advisory lock that serialises budget checks with the insert they admit. */
const BUDGET_LOCK = 0x63686173; // "chas"

export interface NewExperiment {
  readonly kind: ExperimentKind;
  readonly target: string;
  readonly seconds: number;
  /** The visitor's digest (null: an operator), its allowance's window, and the halt token's digest. */
  readonly client: string | null;
  readonly clientWindowMinutes: number;
  readonly haltTokenSha256: string | null;
}

/**
 * One read of everything the budget decides on, with the database's clock (every agent and
 * every edge agree on it). Only the last hour's rows and the active one matter.
 */
async function readBudgetFacts(db: EntityManager, client: string | null, clientWindowMinutes: number): Promise<BudgetFacts> {
  const rows: {
    now: Date;
    active_until: Date | null;
    last_verdict_at: Date | null;
    started_this_hour: number;
    oldest_this_hour: Date | null;
    started_by_client: number;
    oldest_by_client: Date | null;
  }[] = await db.query(
    `SELECT now() AS now,
            max(deadline_at) FILTER (WHERE state IN ('running', 'recovering')) AS active_until,
            max(finished_at) AS last_verdict_at,
            count(*) FILTER (WHERE started_at > now() - interval '1 hour')::int AS started_this_hour,
            min(started_at) FILTER (WHERE started_at > now() - interval '1 hour') AS oldest_this_hour,
            count(*) FILTER (WHERE client = $1 AND started_at > now() - make_interval(mins => $2::int))::int AS started_by_client,
            min(started_at) FILTER (WHERE client = $1 AND started_at > now() - make_interval(mins => $2::int)) AS oldest_by_client
       FROM chaos.experiments
      WHERE started_at > now() - interval '1 hour' OR finished_at > now() - interval '1 hour' OR state IN ('running', 'recovering')`,
    [client, clientWindowMinutes],
  );
  const row = rows[0];
  return {
    now: row.now,
    activeUntil: row.active_until,
    lastVerdictAt: row.last_verdict_at,
    startedThisHour: row.started_this_hour,
    oldestThisHour: row.oldest_this_hour,
    startedByClient: row.started_by_client,
    oldestByClient: row.oldest_by_client,
  };
}

/** The chaos schema: experiments, their deadlines and their verdicts. */
@Injectable()
export class ExperimentRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores the experiment before anything is injected, if the budget admits it. The budget is
   * read and the row written under one transaction-wide lock, so two requests racing for the
   * same free slot cannot both see it free; the unique index still refuses a second active one.
   */
  async open(id: string, fields: NewExperiment, admit: (facts: BudgetFacts) => void): Promise<Experiment> {
    try {
      return await this.db.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [BUDGET_LOCK]);
        admit(await readBudgetFacts(manager, fields.client, fields.clientWindowMinutes));
        const rows: Row[] = await manager.query(
          `INSERT INTO chaos.experiments (id, kind, target, seconds, state, deadline_at, client, halt_token_sha256)
           VALUES ($1, $2, $3, $4::int, 'running', now() + make_interval(secs => $4::int), $5, $6) RETURNING *`,
          [id, fields.kind, fields.target, fields.seconds, fields.client, fields.haltTokenSha256],
        );
        return toExperiment(rows[0]);
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ChaosError('CHAOS.BUSY', 'another experiment is running; wait for its verdict', 30);
      }
      throw error;
    }
  }

  /** The budget as it stands for `client` (null: an operator, who has no allowance of their own). */
  budgetFacts(client: string | null, clientWindowMinutes: number): Promise<BudgetFacts> {
    return readBudgetFacts(this.db.manager, client, clientWindowMinutes);
  }

  /** The digest of the halt token handed out when `id` started (null for an operator's). */
  async haltTokenSha256(id: string): Promise<string | null> {
    const rows: { halt_token_sha256: string | null }[] = await this.db.query('SELECT halt_token_sha256 FROM chaos.experiments WHERE id = $1', [id]);
    return rows[0]?.halt_token_sha256 ?? null;
  }

  async get(id: string): Promise<Experiment> {
    const rows: Row[] = await this.db.query('SELECT * FROM chaos.experiments WHERE id = $1', [id]);
    if (!rows[0]) throw new ChaosError('CHAOS.NOT_FOUND', `no experiment ${id}`);
    return toExperiment(rows[0]);
  }

  async recent(limit = 20): Promise<Experiment[]> {
    const rows: Row[] = await this.db.query('SELECT * FROM chaos.experiments ORDER BY started_at DESC LIMIT $1', [limit]);
    return rows.map(toExperiment);
  }

  async active(): Promise<Experiment | null> {
    const rows: Row[] = await this.db.query("SELECT * FROM chaos.experiments WHERE state IN ('running', 'recovering')");
    return rows[0] ? toExperiment(rows[0]) : null;
  }

  /** Running faults whose deadline has passed: what the reaper must revert. */
  async overdue(): Promise<Experiment[]> {
    const rows: Row[] = await this.db.query("SELECT * FROM chaos.experiments WHERE state = 'running' AND deadline_at <= now()");
    return rows.map(toExperiment);
  }

  /** The fault is in place: its deadline counts from now, and what it did is recorded. */
  async startClock(id: string, seconds: number, evidence: Record<string, unknown>): Promise<void> {
    await this.db.query(
      `UPDATE chaos.experiments SET deadline_at = now() + make_interval(secs => $2::int), evidence = evidence || $3::jsonb WHERE id = $1`,
      [id, seconds, JSON.stringify(evidence)],
    );
  }

  async addEvidence(id: string, evidence: Record<string, unknown>): Promise<void> {
    await this.db.query('UPDATE chaos.experiments SET evidence = evidence || $2::jsonb WHERE id = $1', [id, JSON.stringify(evidence)]);
  }

  /** running → recovering, once: returns false when someone else (halt, reaper) got there first. */
  async markReverted(id: string): Promise<boolean> {
    const rows: Row[] = await this.db.query(
      "UPDATE chaos.experiments SET state = 'recovering', reverted_at = now() WHERE id = $1 AND state = 'running' RETURNING id",
      [id],
    );
    return rows.length > 0;
  }

  async markRecovered(id: string): Promise<void> {
    await this.db.query('UPDATE chaos.experiments SET recovered_at = now() WHERE id = $1', [id]);
  }

  async finish(id: string, state: 'finished' | 'aborted', checks: readonly VerdictCheck[], verdict: Verdict): Promise<void> {
    await this.db.query(
      `UPDATE chaos.experiments SET state = $2, finished_at = now(), reverted_at = coalesce(reverted_at, now()), verdict = $3
        WHERE id = $1 AND state IN ('running', 'recovering')`,
      [id, state, JSON.stringify({ checks, verdict })],
    );
  }

  /** Poison messages injected so far: the dead letters the invariant checker expects. */
  async poisonInjected(): Promise<number> {
    const rows: { count: number }[] = await this.db.query(
      "SELECT count(*)::int AS count FROM chaos.experiments WHERE kind = 'poison-message' AND evidence ? 'poisonMessageId'",
    );
    return rows[0].count;
  }
}

function toExperiment(row: Row): Experiment {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    seconds: row.seconds,
    hypothesis: HYPOTHESIS,
    state: row.state,
    startedAt: row.started_at.toISOString(),
    deadlineAt: row.deadline_at.toISOString(),
    revertedAt: iso(row.reverted_at),
    recoveredAt: iso(row.recovered_at),
    finishedAt: iso(row.finished_at),
    evidence: row.evidence,
    checks: row.verdict?.checks ?? [],
    verdict: row.verdict?.verdict ?? null,
  };
}
