import type { ChaosCatalogue, ChaosTimeline, ExperimentView, InvariantReport } from './chaos-api.types';
import { requestJson } from './http-client';

const BASE = '/api/chaos';
const TIMEOUT_MS = 5_000;

export const getExperiments = (): Promise<{ catalogue: ChaosCatalogue; recent: ExperimentView[] }> =>
  requestJson(`${BASE}/experiments`, { timeoutMs: TIMEOUT_MS });

export const startExperiment = (kind: string, target: string, seconds: number): Promise<{ experimentId: string }> =>
  requestJson(`${BASE}/experiments`, { method: 'POST', body: { kind, target, seconds }, timeoutMs: TIMEOUT_MS });

export const getExperiment = (id: string): Promise<ExperimentView> =>
  requestJson(`${BASE}/experiments/${encodeURIComponent(id)}`, { timeoutMs: TIMEOUT_MS });

export const haltExperiment = (): Promise<{ halted: string | null }> => requestJson(`${BASE}/halt`, { method: 'POST', timeoutMs: TIMEOUT_MS });

export const getTimeline = (signal?: AbortSignal): Promise<ChaosTimeline> => requestJson(`${BASE}/timeline`, { signal, timeoutMs: TIMEOUT_MS });

export const getInvariants = (): Promise<InvariantReport> => requestJson('/api/invariants', { timeoutMs: 15_000 });
