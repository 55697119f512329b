import { WITH_QUEUE } from '../experiments/experiment-catalogue';

/**
 * Counters read from the services' own /metrics (Prometheus text): what a rotation experiment
 * compares before and after. Each service is asked directly, so with several replicas of one
 * service the figures are one replica's; `npm start` runs one of each by default.
 */
const TIMEOUT_MS = 2000;

/** One counter's total on one service, over the series whose labels include `labels`. */
export async function counterTotal(serviceUrl: string, name: string, labels: Readonly<Record<string, string>>): Promise<number> {
  const response = await fetch(`${serviceUrl}/metrics`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${serviceUrl}/metrics answered ${response.status}`);
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let total = 0;
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** Messages the consuming services have sent to a retry queue or a dead-letter queue since they started. */
export async function messagesRetriedOrDeadLettered(services: Readonly<Record<string, string>>): Promise<number> {
  const consumers = WITH_QUEUE.filter((name) => services[name]).map((name) => services[name]);
  const counts = await Promise.all(
    consumers.flatMap((url) => ['retried', 'dead_lettered'].map((outcome) => counterTotal(url, 'messages_consumed_total', { outcome }))),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Webhooks payments-svc refused because no signature matched a secret it holds. */
export function webhooksRejected(services: Readonly<Record<string, string>>): Promise<number> {
  return counterTotal(services['payments-svc'], 'provider_webhooks_total', { outcome: 'rejected_signature' });
}
