import type { ChaosBudget, ChaosCatalogue, ChaosTimeline, ExperimentView, InvariantReport } from './chaos-api.types';
import { requestJson } from './http-client';

const BASE = '/api/chaos';
const TIMEOUT_MS = 5_000;

export const getExperiments = (): Promise<{ catalogue: ChaosCatalogue; recent: ExperimentView[] }> =>
  requestJson(`${BASE}/experiments`, { timeoutMs: TIMEOUT_MS });

export const getBudget = (): Promise<ChaosBudget> => requestJson(`${BASE}/budget`, { timeoutMs: TIMEOUT_MS });

/** A visitor's start returns the halt token (only this browser gets it); an operator's (with `operatorToken`) needs none. */
export const startExperiment = (kind: string, target: string, seconds: number, operatorToken: string | null): Promise<{ experimentId: string; haltToken?: string }> =>
  requestJson(`${BASE}/experiments`, { method: 'POST', body: { kind, target, seconds }, bearer: operatorToken ?? undefined, timeoutMs: TIMEOUT_MS });

export const getExperiment = (id: string): Promise<ExperimentView> =>
  requestJson(`${BASE}/experiments/${encodeURIComponent(id)}`, { timeoutMs: TIMEOUT_MS });

/** Halts the running experiment: this browser's (with its halt token), or any (with the operator token). */
export const haltExperiment = (haltToken: string | null, operatorToken: string | null): Promise<{ halted: string | null }> =>
  requestJson(`${BASE}/halt`, { method: 'POST', body: haltToken ? { haltToken } : {}, bearer: operatorToken ?? undefined, timeoutMs: TIMEOUT_MS });

export const getTimeline = (signal?: AbortSignal): Promise<ChaosTimeline> => requestJson(`${BASE}/timeline`, { signal, timeoutMs: TIMEOUT_MS });

export const getInvariants = (): Promise<InvariantReport> => requestJson('/api/invariants', { timeoutMs: 15_000 });
