import type {
  Article,
  ArticleSummary,
  CheckoutTraceView,
  CheckoutView,
  ClusterHealth,
  DemoConfig,
  OrderView,
  SagaDefinitionView,
  Scenario,
  StartedCheckout,
} from './edge-api.types';
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

export const listArticles = (): Promise<ArticleSummary[]> => requestJson(`${BASE}/articles`);

export const getArticle = (slug: string): Promise<Article> =>
  requestJson(`${BASE}/articles/${encodeURIComponent(slug)}`);

export const getConfig = (): Promise<DemoConfig> => requestJson(`${BASE}/config`);
