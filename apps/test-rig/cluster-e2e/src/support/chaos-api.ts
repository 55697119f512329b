/// <reference types="jest" />
import { OPS_TOKEN } from './ops-console';

/** Small helpers for driving /api/chaos/* (or the agent directly) in the chaos specs. */
export interface ExperimentView {
  id: string;
  kind: string;
  target: string;
  state: string;
  hypothesis: string;
  checks: { name: string; passed: boolean; detail: string }[];
  verdict: { passed: boolean; summary: string; timeToRecoverMs: number | null; checkoutsAffected: number } | null;
  evidence?: Record<string, unknown>;
}

export async function call(base: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as Record<string, unknown>, text };
}

/** Polls an experiment until it is finished or aborted. */
export async function settled(base: string, path: string, timeoutMs = 150_000): Promise<ExperimentView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const experiment = (await call(base, 'GET', path)).body as unknown as ExperimentView;
    if (experiment.state === 'finished' || experiment.state === 'aborted') return experiment;
    if (Date.now() > deadline) throw new Error(`${path} still ${experiment.state}: ${JSON.stringify(experiment)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function until<T>(probe: () => Promise<T | false | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface ProxyView {
  name: string;
  enabled: boolean;
  toxics: unknown[];
}

/**
 * A client of the chaos API as the specs use it: each experiment start from a client of its
 * own (the edge limits starts per client, by the address it trusts from a loopback proxy), and
 * a view of what only the agent and the fault proxy know.
 */
export class ChaosClient {
  private clients = 0;

  constructor(
    readonly edge: string,
    private readonly agentUrl: string,
    private readonly faultProxyUrl: string,
  ) {}

  asNewClient(): Record<string, string> {
    this.clients++;
    return { 'x-forwarded-for': `10.0.${Math.floor(this.clients / 250)}.${this.clients % 250}` };
  }

  /** A visitor's start (a new client each time): its answer carries the halt token. */
  start(kind: string, target: string, seconds: number) {
    return call(this.edge, 'POST', '/api/chaos/experiments', { kind, target, seconds }, this.asNewClient());
  }

  /** An operator's start: every target, longer faults, no budget but one at a time. */
  startAsOperator(kind: string, target: string, seconds: number) {
    return call(this.edge, 'POST', '/api/chaos/experiments', { kind, target, seconds }, { ...this.asNewClient(), authorization: `Bearer ${OPS_TOKEN}` });
  }

  /** Halts with a visitor's halt token, or (without one) as the operator, whatever runs. */
  halt(haltToken?: unknown) {
    if (haltToken !== undefined) return call(this.edge, 'POST', '/api/chaos/halt', { haltToken }, this.asNewClient());
    return call(this.edge, 'POST', '/api/chaos/halt', {}, { authorization: `Bearer ${OPS_TOKEN}` });
  }

  async proxies(): Promise<ProxyView[]> {
    return Object.values((await call(this.faultProxyUrl, 'GET', '/proxies')).body as unknown as Record<string, ProxyView>);
  }

  /** The agent's own record, evidence included (the edge does not show it to visitors). */
  async internal(id: string): Promise<ExperimentView> {
    return (await call(this.agentUrl, 'GET', `/experiments/${id}`)).body as unknown as ExperimentView;
  }

  /** Starts an experiment and waits for its verdict, which must pass with every check. */
  async runToVerdict(kind: string, target: string, seconds = 2): Promise<ExperimentView> {
    const started = await this.start(kind, target, seconds);
    expect(started.status).toBe(202);
    const experiment = await settled(this.edge, `/api/chaos/experiments/${started.body.experimentId}`);
    expect({ kind, failed: experiment.checks.filter((check) => !check.passed) }).toEqual({ kind, failed: [] });
    expect(experiment.verdict?.passed).toBe(true);
    return experiment;
  }
}
