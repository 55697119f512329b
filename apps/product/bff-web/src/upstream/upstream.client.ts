import { AppError } from '@checkout/platform';
import { HttpStatus, Injectable } from '@nestjs/common';

/**
 * The edge's HTTP client for the other services of the cluster (the orchestrator, the catalog,
 * the consuming services' operator routes, the chaos agent). Their errors are not passed
 * through verbatim: a 4xx keeps its status, code and message (they were written for clients),
 * anything else becomes a plain 502/503 so no internal detail reaches the browser. A service
 * that cannot be reached, or says it is unavailable for now (its database is away), is a 503,
 * which the error filter sends with Retry-After: the client may simply try again.
 */
@Injectable()
export class UpstreamClient {
  /** Calls `url` of `service` (its name as a visitor may read it in an error). */
  async call<T>(service: string, url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    } catch {
      throw new AppError('UPSTREAM.UNAVAILABLE', `The ${service} cannot be reached right now`, HttpStatus.SERVICE_UNAVAILABLE);
    }
    const body = (await response.json().catch(() => null)) as T & { code?: string; message?: string; details?: string[] };
    if (response.status >= 400 && response.status < 500) {
      // A refusal that says when to come back (a 429 of the chaos budget) keeps saying it.
      const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
      const retryAfterSeconds = Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
      throw new AppError(body?.code ?? 'UPSTREAM.REJECTED', body?.message ?? 'The request was refused', response.status, body?.details, retryAfterSeconds);
    }
    if (response.status === HttpStatus.SERVICE_UNAVAILABLE) {
      // The service's own Retry-After (an overloaded orchestrator's grows with the overload), so
      // a visitor's retries are paced like any client's.
      const retryAfter = Number(response.headers.get('retry-after'));
      const seconds = Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600 ? retryAfter : undefined;
      throw new AppError('UPSTREAM.UNAVAILABLE', `The ${service} cannot answer right now`, HttpStatus.SERVICE_UNAVAILABLE, undefined, seconds);
    }
    if (!response.ok) {
      throw new AppError('UPSTREAM.FAILED', `The ${service} could not answer`, HttpStatus.BAD_GATEWAY);
    }
    return { status: response.status, body };
  }
}
