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

/** One line of a range query: its labels, and [unix seconds, value as text] samples. */
export interface RangeSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [number, string])[];
}

interface RangeAnswer {
  status: 'success' | 'error';
  data?: { resultType: string; result: RangeSeries[] };
}

/** Reads Prometheus' HTTP API (query_range). Never passes Prometheus' own errors on. */
@Injectable()
export class PrometheusClient {
  constructor(@Inject(PROMETHEUS_URL) private readonly baseUrl: string) {}

  async queryRange(promql: string, startSeconds: number, endSeconds: number, stepSeconds: number): Promise<RangeSeries[]> {
    const url = new URL('/api/v1/query_range', this.baseUrl);
    url.search = new URLSearchParams({
      query: promql,
      start: String(startSeconds),
      end: String(endSeconds),
      step: String(stepSeconds),
    }).toString();
    let answer: RangeAnswer;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      answer = (await response.json()) as RangeAnswer;
    } catch {
      throw new MetricsUnavailableError();
    }
    if (answer.status !== 'success' || answer.data?.resultType !== 'matrix') throw new MetricsUnavailableError();
    return answer.data.result;
  }
}
