import { type ErrorBody, httpRequestsCounter, MetricsService } from '@checkout/platform';
import { answerUntraced } from '@checkout/platform/tracing';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { AdmissionControl } from './admission-control';
import type { Refusal } from './checkouts-overloaded.error';

/** The route whose requests may be refused before they are read: starting a checkout. */
export const START_CHECKOUT = { method: 'POST', route: '/api/checkouts' } as const;

/**
 * Refuses a checkout start while admission control would refuse it anyway: 503 with
 * Retry-After, from counts already in memory, in front of the HTTP server's handler, so before
 * Express routes the request, before its body is read or parsed, before validation, guards or
 * any query, and without a trace span. Under overload most requests end here, so a refusal
 * costs next to nothing (`npm run bench:refusals`) and the cluster keeps its CPU for the
 * checkouts it admitted. The answer is the error filter's shape, and it is counted in
 * http_requests_total like any other.
 *
 * Each request is judged once: the tracing hook (which asks first, when tracing runs) and the
 * gate read the same decision, so a request is never traced as refused and then served.
 */
export class EarlyRefusal {
  private readonly decided = new WeakMap<IncomingMessage, Refusal | null>();
  private readonly requests;

  constructor(
    private readonly admission: AdmissionControl,
    metrics: MetricsService,
  ) {
    this.requests = httpRequestsCounter(metrics);
  }

  /** The refusal this request gets, decided on first asking. */
  refusalOf(request: IncomingMessage): Refusal | null {
    if (!isStart(request)) return null; // every other route: nothing to decide, nothing to remember
    let refusal = this.decided.get(request);
    if (refusal === undefined) {
      refusal = this.admission.refusalBeforeReading() ?? null;
      this.decided.set(request, refusal);
    }
    return refusal;
  }

  /** Answers the request if it is refused; returns whether it was. */
  answer(request: IncomingMessage, response: ServerResponse): boolean {
    const refusal = this.refusalOf(request);
    if (!refusal) return false;
    const body: ErrorBody = { statusCode: refusal.status, code: refusal.code, message: refusal.message };
    response.writeHead(refusal.status, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(refusal.retryAfterSeconds),
    });
    // The unread body is discarded by Node once the answer is sent; the connection stays usable.
    response.end(JSON.stringify(body));
    this.requests.inc({ ...START_CHECKOUT, status: String(refusal.status) });
    return true;
  }
}

/**
 * Puts the gate in front of the app's HTTP handler (Express) and tells tracing to leave the
 * requests it refuses untraced. Call once, before `app.init()`.
 */
export function installEarlyRefusal(app: INestApplication): void {
  const gate = new EarlyRefusal(app.get(AdmissionControl), app.get(MetricsService));
  const server = app.getHttpServer() as Server;
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (gate.answer(request, response)) return;
    for (const handle of handlers) handle(request, response);
  });
  answerUntraced((request) => gate.refusalOf(request) !== null);
}

function isStart(request: IncomingMessage): boolean {
  return request.method === START_CHECKOUT.method && pathOf(request.url) === START_CHECKOUT.route;
}

function pathOf(url = ''): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
