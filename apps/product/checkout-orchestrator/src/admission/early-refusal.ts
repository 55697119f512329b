import { type ErrorBody, httpRequestsCounter, MetricsService } from '@checkout/platform';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AdmissionControl } from './admission-control';

/** The route whose requests may be refused before they are read: starting a checkout. */
export const START_CHECKOUT = { method: 'POST', route: '/api/checkouts' } as const;

/**
 * A connect-style handler, installed ahead of the body parser, that refuses a checkout start
 * while admission control would refuse it anyway: 503 with Retry-After, from counts already in
 * memory, before the body is read or parsed, before validation, guards or any query. Under
 * overload most requests end here, so a refusal costs a few microseconds instead of a full
 * request's work, and the cluster keeps its CPU for the checkouts it admitted. The answer is
 * the error filter's shape, and it is counted in http_requests_total like any other.
 */
export function refuseStartsEarly(admission: AdmissionControl, metrics: MetricsService) {
  const requests = httpRequestsCounter(metrics);
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (request.method !== START_CHECKOUT.method || pathOf(request.url) !== START_CHECKOUT.route) return next();
    const refusal = admission.refusalBeforeReading();
    if (!refusal) return next();
    const body: ErrorBody = { statusCode: refusal.status, code: refusal.code, message: refusal.message };
    response.writeHead(refusal.status, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(refusal.retryAfterSeconds),
    });
    // The unread body is discarded by Node once the answer is sent; the connection stays usable.
    response.end(JSON.stringify(body));
    requests.inc({ ...START_CHECKOUT, status: String(refusal.status) });
  };
}

/** Installs refuseStartsEarly; call before `app.init()`, which installs the body parser after it. */
export function installEarlyRefusal(app: INestApplication): void {
  app.use(refuseStartsEarly(app.get(AdmissionControl), app.get(MetricsService)));
}

function pathOf(url = ''): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
