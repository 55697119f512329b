import { AppError } from '@checkout/platform';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';

export const PROMETHEUS_URL = Symbol('PROMETHEUS_URL');

const TIMEOUT_MS = 3000;

/** Prometheus did not answer, or answered with an error: the plot can be asked again shortly. */
export class MetricsUnavailableError extends AppError {
  constructor() {
    super('METRICS.UNAVAILABLE', 'Metrics cannot be read right now; try again shortly', HttpStatus.SERVICE_UNAVAILABLE);
  }
}

type Labels = Readonly<Record<string, string>>;

/** One line of a range query: its labels, and [unix seconds, value as text] samples. */
export interface RangeSeries {
  readonly metric: Labels;
  readonly values: readonly (readonly [number, string])[];
}

/** One series of an instant query: its labels and its [unix seconds, value as text] sample. */
export interface InstantSample {
  readonly metric: Labels;
  readonly value: readonly [number, string];
}

interface Answer<T> {
  status: 'success' | 'error';
  data?: { resultType: string; result: T[] };
}

/**
 * Reads Prometheus' HTTP API (query and query_range). Never passes Prometheus' own errors on.
 * Without a URL (PROMETHEUS_URL=none) every read is unavailable, as with Prometheus away.
 */
@Injectable()
export class PrometheusClient {
  constructor(@Inject(PROMETHEUS_URL) private readonly baseUrl: string | undefined) {}

  queryRange(promql: string, startSeconds: number, endSeconds: number, stepSeconds: number): Promise<RangeSeries[]> {
    const parameters = { query: promql, start: String(startSeconds), end: String(endSeconds), step: String(stepSeconds) };
    return this.ask<RangeSeries>('/api/v1/query_range', parameters, 'matrix');
  }

  /** The value of `promql` now, one sample per series. */
  query(promql: string): Promise<InstantSample[]> {
    return this.ask<InstantSample>('/api/v1/query', { query: promql }, 'vector');
  }

  private async ask<T>(path: string, parameters: Record<string, string>, resultType: string): Promise<T[]> {
    if (!this.baseUrl) throw new MetricsUnavailableError();
    const url = new URL(path, this.baseUrl);
    url.search = new URLSearchParams(parameters).toString();
    let answer: Answer<T>;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      answer = (await response.json()) as Answer<T>;
    } catch {
      throw new MetricsUnavailableError();
    }
    if (answer.status !== 'success' || answer.data?.resultType !== resultType) throw new MetricsUnavailableError();
    return answer.data.result;
  }
}
