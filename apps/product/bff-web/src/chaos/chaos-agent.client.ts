import type { UpstreamClient } from '../upstream/upstream.client';
import type { AgentBudget, AgentExperiment, AgentTimeline } from './chaos.views';

/** Who the edge says is asking: an anonymous visitor (by a digest of their address), or an operator. */
export type ChaosRequester = { visitor: { client: string } } | { operator: true };

/**
 * The edge's only line to the chaos agent. The edge performs no fault itself: it checks who
 * may ask (rate limits, the operator token) and passes well-formed requests on, saying who
 * asks; the agent decides what is allowed (blast radius, budget, halt tokens).
 */
export class ChaosAgentClient {
  private readonly base: string;

  constructor(
    private readonly upstream: UpstreamClient,
    agentUrl: string,
  ) {
    this.base = agentUrl.replace(/\/+$/, '');
  }

  async catalogue(): Promise<{ catalogue: unknown; recent: AgentExperiment[] }> {
    return (await this.upstream.call<{ catalogue: unknown; recent: AgentExperiment[] }>('chaos agent', `${this.base}/experiments`)).body;
  }

  /** The budget as `client` (a visitor's digest) sees it; without one, only what everyone shares. */
  async budget(client?: string): Promise<AgentBudget> {
    const query = client === undefined ? '' : `?${new URLSearchParams({ client })}`;
    return (await this.upstream.call<AgentBudget>('chaos agent', `${this.base}/budget${query}`)).body;
  }

  async start(request: { kind: string; target?: string; seconds?: number }, who: ChaosRequester): Promise<{ experimentId: string; haltToken?: string }> {
    const body = 'visitor' in who ? { ...request, visitor: who.visitor } : request;
    return (await this.upstream.call<{ experimentId: string; haltToken?: string }>('chaos agent', `${this.base}/experiments`, post(body))).body;
  }

  async experiment(id: string): Promise<AgentExperiment> {
    return (await this.upstream.call<AgentExperiment>('chaos agent', `${this.base}/experiments/${encodeURIComponent(id)}`)).body;
  }

  /** An operator halts whatever runs; a visitor only with the halt token their start returned. */
  async halt(who: { visitor: { haltToken?: string } } | { operator: true }): Promise<{ halted: string | null }> {
    const body = 'visitor' in who ? { visitor: who.visitor } : {};
    return (await this.upstream.call<{ halted: string | null }>('chaos agent', `${this.base}/halt`, post(body))).body;
  }

  async invariants(): Promise<unknown> {
    return (await this.upstream.call<unknown>('chaos agent', `${this.base}/invariants`)).body;
  }

  async timeline(): Promise<AgentTimeline> {
    return (await this.upstream.call<AgentTimeline>('chaos agent', `${this.base}/timeline`)).body;
  }
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
