import { PlatformModule } from '@checkout/platform';
import { freePort } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { PrometheusModule } from '../prometheus/prometheus.module';
import { MetricsPlotsModule } from './metrics-plots.module';

/** A stand-in for Prometheus' query_range endpoint that records what it was asked. */
class FakePrometheus {
  readonly queries: URLSearchParams[] = [];
  answer: unknown = { status: 'success', data: { resultType: 'matrix', result: [] } };
  private server?: Server;

  async start(port: number): Promise<void> {
    const server = createServer((req, res) => {
      this.queries.push(new URL(req.url ?? '/', 'http://x').searchParams);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(this.answer));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function edgeReading(prometheusUrl: string | undefined): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ serviceName: 'bff-web' }), PrometheusModule.forRoot(prometheusUrl), MetricsPlotsModule],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('the plots route on the edge', () => {
  const prometheus = new FakePrometheus();
  let app: INestApplication;

  beforeAll(async () => {
    const port = await freePort();
    await prometheus.start(port);
    app = await edgeReading(`http://127.0.0.1:${port}`);
  });

  afterAll(async () => {
    await app?.close();
    await prometheus.stop();
  });

  beforeEach(() => prometheus.queries.splice(0));

  it("sends the series' own recording rule, never anything from the visitor", async () => {
    prometheus.answer = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { service: 'catalog-svc' }, values: [[1700000000, '2.5'], [1700000010, 'NaN']] },
          { metric: { service: 'bff-web' }, values: [[1700000000, '4']] },
        ],
      },
    };
    const { body } = await request(app.getHttpServer()).get('/api/metrics/series/throughput?minutes=60').expect(200);

    expect(prometheus.queries).toHaveLength(1);
    const sent = prometheus.queries[0];
    expect(sent.get('query')).toBe('service:http_requests:rate1m');
    expect(sent.get('step')).toBe('20');
    expect(Number(sent.get('end')) - Number(sent.get('start'))).toBe(3600);
    expect(body).toMatchObject({ name: 'throughput', title: 'HTTP requests', unit: 'req/s', step: 20 });
    expect(body.lines).toEqual([
      { name: 'bff-web', points: [[1700000000, 4]] },
      { name: 'catalog-svc', points: [[1700000000, 2.5], [1700000010, null]] },
    ]);
  });

  it("names the chaos page's lines by outcome, and a series of one line after the cluster", async () => {
    prometheus.answer = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { to: 'Completed' }, values: [[1700000000, '1.5']] },
          { metric: { to: 'Cancelled' }, values: [[1700000000, '0.25']] },
        ],
      },
    };
    const finished = await request(app.getHttpServer()).get('/api/metrics/series/checkouts-finished?minutes=5').expect(200);
    expect(prometheus.queries[0].get('query')).toBe('cluster:checkouts_finished:rate45s');
    expect(prometheus.queries[0].get('step')).toBe('15');
    expect(finished.body.lines.map((line: { name: string }) => line.name)).toEqual(['Cancelled', 'Completed']);

    prometheus.answer = { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[1700000000, '0.4']] }] } };
    const duration = await request(app.getHttpServer()).get('/api/metrics/series/checkout-duration-p95?minutes=5').expect(200);
    expect(prometheus.queries[1].get('query')).toBe('cluster:checkout_duration_seconds:p95_45s');
    expect(duration.body.lines).toEqual([{ name: 'cluster', points: [[1700000000, 0.4]] }]);
  });

  it.each([
    ['an unknown series', '/api/metrics/series/up'],
    ['PromQL in place of a name', `/api/metrics/series/${encodeURIComponent('sum(up)')}`],
    ['a window of no minutes', '/api/metrics/series/throughput?minutes=0'],
    ['a window over an hour', '/api/metrics/series/throughput?minutes=61'],
    ['a window that is not a number', '/api/metrics/series/throughput?minutes=soon'],
    ['a query parameter of its own', '/api/metrics/series/throughput?query=sum(up)'],
  ])('refuses %s with 400 and asks Prometheus nothing', async (_case, path) => {
    const { body } = await request(app.getHttpServer()).get(path).expect(400);
    expect(body.code).toBe('REQUEST.INVALID');
    expect(prometheus.queries).toHaveLength(0);
  });

  it('answers 503 with Retry-After when Prometheus answers with an error', async () => {
    prometheus.answer = { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' };
    const response = await request(app.getHttpServer()).get('/api/metrics/series/queue-depth').expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.code).toBe('METRICS.UNAVAILABLE');
    expect(JSON.stringify(response.body)).not.toMatch(/timed out|expression/);
  });
});

describe('the plots route with Prometheus away', () => {
  it('answers 503 with Retry-After, never a 500 or a stack trace', async () => {
    const app = await edgeReading(`http://127.0.0.1:${await freePort()}`);
    try {
      const response = await request(app.getHttpServer()).get('/api/metrics/series/dead-letters').expect(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ code: 'METRICS.UNAVAILABLE' });
      expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    } finally {
      await app.close();
    }
  });
});

describe('the plots route with no Prometheus configured (PROMETHEUS_URL=none)', () => {
  it('answers 503 with Retry-After, as when Prometheus is away', async () => {
    const app = await edgeReading(undefined);
    try {
      const response = await request(app.getHttpServer()).get('/api/metrics/series/throughput').expect(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ code: 'METRICS.UNAVAILABLE' });
    } finally {
      await app.close();
    }
  });
});
