import type { LiveTopologyView } from '@checkout/contracts/views';
import { requestJson } from '../api/http-client';

/** The diagram's live figures: readiness, replicas and rates of every service. */
export const getTopology = (signal?: AbortSignal): Promise<LiveTopologyView> =>
  requestJson('/api/demo/topology', { signal, timeoutMs: 5000 });
