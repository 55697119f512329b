import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/** Buckets for HTTP answers: from a cached read (a millisecond) to a slow dependency (10 s). */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `http_requests_total`, by method, route pattern and status: for an answer sent before Nest's
 * pipeline (a request refused before its body is read) to be counted like every other.
 */
export function httpRequestsCounter(metrics: MetricsService) {
  return metrics.counter('http_requests_total', 'HTTP requests answered, by route and status', ['method', 'route', 'status']);
}

/**
 * Every HTTP answer, counted and timed by route and status: the throughput, latency and error
 * rate Prometheus plots. Timed on `finish`, so guards, filters and 404s are counted too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests;
  private readonly duration;

  constructor(metrics: MetricsService) {
    this.requests = httpRequestsCounter(metrics);
    this.duration = metrics.histogram(
      'http_request_duration_seconds',
      'From a request arriving to its answer being sent',
      ['method', 'route'],
      HTTP_BUCKETS,
    );
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      // The route pattern, never the raw path: ids in paths would make a series per checkout.
      const route = request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
      const labels = { method: request.method, route };
      this.requests.inc({ ...labels, status: String(response.statusCode) });
      // An event stream lasts as long as the page stays open: its "latency" would swamp the p95.
      if (isEventStream(response)) return;
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}

const isEventStream = (response: Response): boolean =>
  String(response.getHeader('content-type') ?? '').startsWith('text/event-stream');
