import type { ApiErrorBody } from './edge-api.types';
import { parseRetryAfter } from './retry-after';

/** A failed call to the edge, carrying what the UI needs to say something useful. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from a 429's Retry-After header. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the request never got an HTTP answer (network down, bff-web stopped, timed out). */
export const NETWORK_ERROR = 0;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Give up after this long, so a hung service shows as down instead of "loading" forever. */
  readonly timeoutMs?: number;
  /** Error statuses whose body is still the answer (a health report says 503 and why). */
  readonly acceptStatuses?: readonly number[];
  /** A bearer token for the request (the operations console's actions). */
  readonly bearer?: string;
}

export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) {
    throw await toApiError(response);
  }
  // The edge is our own same-origin contract (apps/product/bff-web); payloads parsed from free text,
  // such as the event stream, are checked by the guards in edge-api.guards.ts instead.
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  // One controller for both the caller's cancel and our timeout (AbortSignal.any is too new
  // for some of the browsers we build for).
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(abort, options.timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
      credentials: 'same-origin',
    });
  } catch (error: unknown) {
    if (options.signal?.aborted) {
      throw error;
    }
    throw new ApiError(NETWORK_ERROR, 'NETWORK', controller.signal.aborted ? 'No answer in time.' : 'No answer from the server.');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', abort);
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readErrorBody(response);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  return new ApiError(
    response.status,
    body?.code ?? `HTTP_${response.status}`,
    body?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    retryAfter,
  );
}

async function readErrorBody(response: Response): Promise<Partial<ApiErrorBody> | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Partial<ApiErrorBody>) : null;
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status line is all we have.
    return null;
  }
}
