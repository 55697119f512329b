/** An endpoint that has not answered by then counts as failed; the attempt is retried. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface SendOutcome {
  delivered: boolean;
  /** The endpoint's HTTP status; null when it could not be reached or did not answer in time. */
  status: number | null;
  error: string | null;
}

/**
 * POSTs one signed webhook. Only a 2xx counts as delivered; a redirect is not followed (as
 * with Stripe) and counts as a failure. Never throws: every failure is an outcome to record.
 */
export async function postWebhook(url: string, payload: string, signature: string, stop: AbortSignal): Promise<SendOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Stripe-Signature': signature,
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), stop]),
    });
    await response.body?.cancel(); // the answer's body means nothing to us; free the socket
    const delivered = response.status >= 200 && response.status < 300;
    return { delivered, status: response.status, error: delivered ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { delivered: false, status: null, error: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${WEBHOOK_TIMEOUT_MS} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
