import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChaosError } from './chaos.errors';
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

/** The chaos schema: experiments, their deadlines and their verdicts. */
@Injectable()
export class ExperimentRepository {
  constructor(private readonly db: DataSource) {}

  /** Stores the experiment before anything is injected; refuses while another is active. */
  async open(id: string, kind: ExperimentKind, target: string, seconds: number): Promise<Experiment> {
    try {
      const rows: Row[] = await this.db.query(
        `INSERT INTO chaos.experiments (id, kind, target, seconds, state, deadline_at)
         VALUES ($1, $2, $3, $4::int, 'running', now() + make_interval(secs => $4::int)) RETURNING *`,
        [id, kind, target, seconds],
      );
      return toExperiment(rows[0]);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ChaosError('CHAOS.BUSY', 'another experiment is running; wait for its verdict or halt it');
      }
      throw error;
    }
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
