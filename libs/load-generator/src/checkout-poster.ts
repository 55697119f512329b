import http from 'node:http';
import https from 'node:https';
import type { OrderSpec } from './load-options';

export type PostOutcome =
  | { kind: 'accepted'; checkoutId: string }
  | { kind: 'shed'; status: 429 | 503; retryAfterSeconds: number | null }
  | { kind: 'failed'; reason: string };

/**
 * POST /api/checkouts over keep-alive sockets. node:http rather than fetch: at hundreds of
 * requests a second the generator shares the machine with the system it measures, and this is
 * the cheaper client per request.
 */
export class CheckoutPoster {
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(orchestratorUrl: string, maxSockets: number, private readonly timeoutMs: number) {
    this.url = new URL('/api/checkouts', orchestratorUrl);
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post(order: OrderSpec, idempotencyKey: string): Promise<PostOutcome> {
    const body = JSON.stringify({ items: [{ sku: order.sku, qty: order.qty }], paymentMethod: order.paymentMethod });
    const request = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve) => {
      const req = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': idempotencyKey },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ kind: 'failed', reason: error.message }));
          res.on('end', () => resolve(outcomeOf(res.statusCode ?? 0, res.headers['retry-after'], Buffer.concat(chunks).toString('utf8'))));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (error) => resolve({ kind: 'failed', reason: error.message }));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function outcomeOf(status: number, retryAfter: string | undefined, text: string): PostOutcome {
  if (status === 202) {
    const checkoutId = checkoutIdIn(text);
    return checkoutId ? { kind: 'accepted', checkoutId } : { kind: 'failed', reason: '202 without a checkoutId' };
  }
  if (status === 429 || status === 503) {
    const seconds = Number(retryAfter);
    return { kind: 'shed', status, retryAfterSeconds: retryAfter !== undefined && Number.isFinite(seconds) ? seconds : null };
  }
  return { kind: 'failed', reason: `HTTP ${status}: ${text.slice(0, 200)}` };
}

function checkoutIdIn(text: string): string | null {
  try {
    const { checkoutId } = JSON.parse(text) as { checkoutId?: unknown };
    return typeof checkoutId === 'string' ? checkoutId : null;
  } catch {
    return null;
  }
}
