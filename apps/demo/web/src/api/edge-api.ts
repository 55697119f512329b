import type {
  Article,
  ArticleSummary,
  CheckoutTraceView,
  CheckoutView,
  ClusterHealth,
  DemoConfig,
  OpsCheckouts,
  OpsDeadLetters,
  OrderView,
  SagaDefinitionView,
  Scenario,
  StartedCheckout,
} from './edge-api.types';
import type { AlertsView, SecretsView } from '@checkout/contracts/views';
import { isClusterHealth } from './edge-api.guards';
import { ApiError, requestJson } from './http-client';

/** Every call the UI makes to bff-web, in one place. */

const BASE = '/api/demo';

export const getOrder = (): Promise<OrderView> => requestJson(`${BASE}/order`);

export const startCheckout = (scenario: Scenario): Promise<StartedCheckout> =>
  requestJson(`${BASE}/saga/start`, { method: 'POST', body: { scenario } });

export const getCheckout = (checkoutId: string): Promise<CheckoutView> =>
  requestJson(`${BASE}/saga/${encodeURIComponent(checkoutId)}`);

export const getCheckoutTrace = (checkoutId: string): Promise<CheckoutTraceView> =>
  requestJson(`${BASE}/saga/${encodeURIComponent(checkoutId)}/trace`);

export const checkoutEventsUrl = (checkoutId: string): string =>
  `${BASE}/saga/${encodeURIComponent(checkoutId)}/events`;

export const getSagaDefinition = (): Promise<SagaDefinitionView> => requestJson(`${BASE}/saga-definition`);

/** A short timeout: the dashboard must show trouble within seconds, not wait on a hung socket. */
export async function getHealth(signal?: AbortSignal): Promise<ClusterHealth> {
  const report = await requestJson<unknown>(`${BASE}/health`, { signal, timeoutMs: 1800, acceptStatuses: [503] });
  if (!isClusterHealth(report)) {
    throw new ApiError(502, 'HEALTH.UNREADABLE', 'The health report could not be read.');
  }
  return report;
}

/** Each service's database login for the health page's secrets panel: names and times only. */
export const getSecrets = (signal?: AbortSignal): Promise<SecretsView> => requestJson('/api/secrets', { signal, timeoutMs: 1800 });

export const listArticles = (): Promise<ArticleSummary[]> => requestJson(`${BASE}/articles`);

export const getArticle = (slug: string): Promise<Article> =>
  requestJson(`${BASE}/articles/${encodeURIComponent(slug)}`);

export const getConfig = (): Promise<DemoConfig> => requestJson(`${BASE}/config`);

/**
 * The operations console (`/api/ops`): reads for anyone (ids only with the operator token),
 * actions with the operator token.
 */
const OPS = '/api/ops';

export const getOpsCheckouts = (token: string | null): Promise<OpsCheckouts> => requestJson(`${OPS}/checkouts`, { bearer: token ?? undefined });

export const getOpsDeadLetters = (token: string | null): Promise<OpsDeadLetters> => requestJson(`${OPS}/dead-letters`, { bearer: token ?? undefined });

export const getOpsAlerts = (): Promise<AlertsView> => requestJson(`${OPS}/alerts`);

/** Resolves when the edge accepts `token`; an ApiError (401/403) otherwise. */
export const checkOperatorToken = (token: string): Promise<void> => requestJson(`${OPS}/operator`, { bearer: token });

export const resumeCheckout = (checkoutId: string, token: string): Promise<{ checkoutId: string; state: string }> =>
  requestJson(`${OPS}/checkouts/${encodeURIComponent(checkoutId)}/resume`, { method: 'POST', body: {}, bearer: token });

/** Replays one dead letter of `service`, or all of them without a message id. */
export const replayDeadLetters = (service: string, token: string, messageId?: string): Promise<{ replayed: number }> =>
  requestJson(`${OPS}/dead-letters/${encodeURIComponent(service)}/replay`, {
    method: 'POST',
    body: messageId === undefined ? {} : { messageId },
    bearer: token,
  });

/** The trace route arrives with tracing; the console links to it only when it answers. */
export async function traceAvailable(checkoutId: string): Promise<boolean> {
  try {
    await requestJson(traceUrl(checkoutId), { timeoutMs: 2000 });
    return true;
  } catch {
    return false;
  }
}

export const traceUrl = (checkoutId: string): string => `${BASE}/saga/${encodeURIComponent(checkoutId)}/trace`;
