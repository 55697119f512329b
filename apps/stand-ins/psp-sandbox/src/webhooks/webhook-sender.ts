import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** An endpoint that has not answered by then counts as failed; the attempt is retried. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface SendOutcome {
  delivered: boolean;
  /** The endpoint's HTTP status; null when it could not be reached or did not answer in time. */
  status: number | null;
  error: string | null;
}

/**
 * Connections to the endpoint stay open between deliveries, as a busy sender's do. Node's own
 * HTTP client rather than fetch: a webhook a checkout is one request, and fetch's streams,
 * abort signals and DOMExceptions cost several times the request itself (decision 0049). The
 * HTTP instrumentation traces it like fetch's, so the webhook carries its trace.
 */
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * POSTs one signed webhook. Only a 2xx counts as delivered; a redirect is not followed (as
 * with Stripe) and counts as a failure. Never throws: every failure is an outcome to record.
 */
export function postWebhook(url: string, payload: string, signature: string, stop: AbortSignal): Promise<SendOutcome> {
  const stopped: SendOutcome = { delivered: false, status: null, error: 'the sender is stopping' };
  if (stop.aborted) return Promise.resolve(stopped);
  return new Promise((resolve) => {
    const target = new URL(url);
    const body = Buffer.from(payload);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      agent: target.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'],
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': body.length,
        'Stripe-Signature': signature,
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
    });
    const end = (outcome: SendOutcome) => {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      resolve(outcome); // only the first outcome counts
    };
    const fail = (outcome: SendOutcome) => {
      request.destroy();
      end(outcome);
    };
    const onStop = () => fail(stopped);
    const timer = setTimeout(() => fail({ delivered: false, status: null, error: `no answer within ${WEBHOOK_TIMEOUT_MS} ms` }), WEBHOOK_TIMEOUT_MS);
    stop.addEventListener('abort', onStop, { once: true });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const delivered = status >= 200 && status < 300;
      response.resume(); // the answer's body means nothing to us; read it to free the socket
      response.on('end', () => end({ delivered, status, error: delivered ? null : `HTTP ${status}` }));
      response.on('error', (error: NodeJS.ErrnoException) => fail(unreached(error)));
    });
    request.on('error', (error: NodeJS.ErrnoException) => fail(unreached(error)));
    request.end(body);
  });
}

function unreached(error: NodeJS.ErrnoException): SendOutcome {
  return { delivered: false, status: null, error: error.code ?? error.message };
}
