import { Agent, get } from 'node:http';
import { freePort } from '../testing/free-port';
import { MetricsListener } from './metrics-listener';
import { MetricsService } from './metrics.service';

/** One GET through `agent`: its status, and whether it went over a connection already open. */
function scrape(agent: Agent, port: number): Promise<{ status?: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/metrics', agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, reusedSocket: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

describe('the metrics listener', () => {
  let listener: MetricsListener;
  let port: number;
  const agent = new Agent({ keepAlive: true });

  beforeAll(async () => {
    port = await freePort();
    listener = new MetricsListener(new MetricsService('metrics-listener-test'), { host: '127.0.0.1', port });
    await listener.onApplicationBootstrap();
  });

  afterAll(async () => {
    agent.destroy();
    await listener.onApplicationShutdown();
  });

  it('keeps a scraper connection open longer than Node keeps an idle one (5 s), so the next scrape reuses it', async () => {
    expect((await scrape(agent, port)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    expect(await scrape(agent, port)).toEqual({ status: 200, reusedSocket: true });
  }, 15_000);
});
