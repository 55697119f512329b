import { Controller, Get, Header, INestApplication, NotFoundException, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { PlatformModule } from '../platform.module';
import { MetricsService } from './metrics.service';

@Controller('things')
class ThingsController {
  @Get(':id')
  find(@Param('id') id: string) {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }

  @Get('stream/events')
  @Header('content-type', 'text/event-stream')
  stream() {
    return 'data: {}\n\n';
  }
}

describe('HTTP answers on /metrics', () => {
  let app: INestApplication;
  let metrics: MetricsService;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ serviceName: 'http-metrics-spec' })],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    metrics = app.get(MetricsService);
  });

  afterAll(() => app.close());

  const series = async (name: string) => (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];

  it('counts requests by route pattern and status, never by raw path', async () => {
    await request(app.getHttpServer()).get('/things/a').expect(200);
    await request(app.getHttpServer()).get('/things/b').expect(200);
    await request(app.getHttpServer()).get('/things/missing').expect(404);

    const counts = await series('http_requests_total');
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { method: 'GET', route: '/things/:id', status: '200' }, value: 2 }),
        expect.objectContaining({ labels: { method: 'GET', route: '/things/:id', status: '404' }, value: 1 }),
      ]),
    );
    expect(counts.some((value) => String(value.labels.route).includes('/things/a'))).toBe(false);
  });

  it('counts an event stream but leaves it out of the latency histogram (it lasts as long as the page)', async () => {
    await request(app.getHttpServer()).get('/things/stream/events').expect(200);
    expect(await series('http_requests_total')).toEqual(
      expect.arrayContaining([expect.objectContaining({ labels: { method: 'GET', route: '/things/stream/events', status: '200' }, value: 1 })]),
    );
    const timed = (await series('http_request_duration_seconds')).filter((value) => value.labels.route === '/things/stream/events');
    expect(timed).toEqual([]);
  });

  it('times each answer into the latency histogram', async () => {
    await request(app.getHttpServer()).get('/things/c').expect(200);
    const count = (await series('http_request_duration_seconds')).find(
      (value) => 'metricName' in value && value.metricName === 'http_request_duration_seconds_count' && value.labels.route === '/things/:id',
    );
    expect(count?.value).toBeGreaterThanOrEqual(1);
  });
});
