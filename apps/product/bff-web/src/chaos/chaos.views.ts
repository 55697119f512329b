/** An experiment as the agent stores it (evidence included). */
export interface AgentExperiment {
  id: string;
  kind: string;
  target: string;
  seconds: number;
  hypothesis: string;
  state: 'running' | 'recovering' | 'finished' | 'aborted';
  startedAt: string;
  revertedAt: string | null;
  recoveredAt: string | null;
  finishedAt: string | null;
  evidence: Record<string, unknown>;
  checks: { name: string; passed: boolean; detail: string }[];
  verdict: { passed: boolean; summary: string; timeToRecoverMs: number | null; checkoutsAffected: number; invariantsFailed: string[] } | null;
}

/** The visitors' shared budget as the agent counts it (see the agent's ExperimentBudget). */
export interface AgentBudget {
  slotFree: boolean;
  running: boolean;
  nextSlotAt: string | null;
  coolDownSeconds: number;
  hour: { limit: number; left: number };
  client: { limit: number; left: number; windowMinutes: number; nextAt: string | null };
}

export interface AgentTimeline {
  samples: unknown[];
  faults: unknown[];
}

/**
 * What a visitor sees of an experiment: what ran, when, the checks and the verdict. The
 * agent's raw evidence (message ids, proxy names, pids) stays inside the cluster.
 */
export function publicExperiment(experiment: AgentExperiment) {
  const { id, kind, target, seconds, hypothesis, state, startedAt, revertedAt, recoveredAt, finishedAt, checks, verdict } = experiment;
  return { id, kind, target, seconds, state, hypothesis, startedAt, revertedAt, recoveredAt, finishedAt, checks, verdict };
}
