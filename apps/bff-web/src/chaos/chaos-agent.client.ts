import { callUpstream } from '../demo/upstream';
import type { AgentExperiment, AgentTimeline } from './chaos.views';

/**
 * The edge's only line to the chaos agent. The edge performs no fault itself: it checks who
 * may ask (rate limits) and passes well-formed requests on; the agent decides what is allowed.
 */
export class ChaosAgentClient {
  private readonly base: string;

  constructor(agentUrl: string) {
    this.base = agentUrl.replace(/\/+$/, '');
  }

  async catalogue(): Promise<{ catalogue: unknown; recent: AgentExperiment[] }> {
    return (await callUpstream<{ catalogue: unknown; recent: AgentExperiment[] }>('chaos agent', `${this.base}/experiments`)).body;
  }

  async start(request: { kind: string; target?: string; seconds?: number }): Promise<{ experimentId: string }> {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) };
    return (await callUpstream<{ experimentId: string }>('chaos agent', `${this.base}/experiments`, init)).body;
  }

  async experiment(id: string): Promise<AgentExperiment> {
    return (await callUpstream<AgentExperiment>('chaos agent', `${this.base}/experiments/${encodeURIComponent(id)}`)).body;
  }

  async halt(): Promise<{ halted: string | null }> {
    return (await callUpstream<{ halted: string | null }>('chaos agent', `${this.base}/halt`, { method: 'POST' })).body;
  }

  async invariants(): Promise<unknown> {
    return (await callUpstream<unknown>('chaos agent', `${this.base}/invariants`)).body;
  }

  async timeline(): Promise<AgentTimeline> {
    return (await callUpstream<AgentTimeline>('chaos agent', `${this.base}/timeline`)).body;
  }
}
