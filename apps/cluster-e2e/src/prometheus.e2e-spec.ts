import { eventually, sleep } from '@checkout/platform/testing';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { collectPageErrors, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { ALL_SERVICES, TestCluster } from './support/test-cluster';
import { TestPrometheus } from './support/test-prometheus';


/** Polls at most twice a second: Prometheus only changes at each 5 s scrape anyway. */
const poll = <T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string) =>
  eventually(async () => (await probe()) || (await sleep(500), undefined), timeoutMs, what);

describe('Prometheus scraping a cluster, and the plots drawn from it', () => {
  let cluster: TestCluster;
  let prometheus: TestPrometheus;
  let browser: Browser | undefined;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    // The five services this spec starts (not the Vault stand-in), the edge on its metrics port.
    const scraped = ALL_SERVICES.map((name) => [name, name === 'bff-web' ? cluster.edgeMetricsPort : cluster.ports[name]]);
    prometheus = await TestPrometheus.start(Object.fromEntries(scraped));
    const overrides = { PROMETHEUS_URL: prometheus.url };
    await Promise.all(ALL_SERVICES.map((name) => cluster.start(name, name === 'bff-web' ? overrides : {}).waitReady()));
  });

  afterAll(async () => {
    await browser?.close();
    // Prometheus first: its keep-alive scrape connection would otherwise hold bff-web's shutdown open.
    await prometheus?.stop();
    await cluster?.stop();
  });

  it('has every service of the cluster as a healthy target', async () => {
    const targets = await poll(
      async () => {
        const all = await prometheus.targets();
        return all.length === ALL_SERVICES.length && all.every((target) => target.health === 'up') && all;
      },
      30_000,
      'every target up',
    );
    expect(targets.map((target) => target.labels.service).sort()).toEqual([...ALL_SERVICES].sort());
  });

  it('records throughput, backlog, queue depth, dead letters and checkout states from real series', async () => {
    // Traffic of our own, a checkout through the edge every 2 s (as a visitor's Pay button sends
    // them), until the rates show. Spread out because a counter's first sample is its first
    // value: a rate needs a later scrape that saw it grow.
    const checkout = async () => {
      const response = await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'happy' }),
      });
      expect(response.status).toBe(202);
    };
    const rising = async (promql: string) => (await prometheus.query(`${promql} > 0`)).length > 0;
    await poll(
      async () => {
        await checkout();
        await sleep(1500);
        return (await rising('service:http_requests:rate1m{service="bff-web"}')) && (await rising('service:messages_handled:rate1m{service="catalog-svc"}'));
      },
      60_000,
      'bff-web throughput and catalog messages handled',
    );
    const services = async (promql: string) => (await prometheus.query(promql)).map((sample) => sample.metric.service).sort();
    expect(await services('service:outbox_pending:max')).toEqual(['catalog-svc', 'checkout-orchestrator', 'payments-svc']);
    expect(await services('service:queue_depth:sum')).toEqual(expect.arrayContaining(['catalog-svc', 'checkout-orchestrator', 'payments-svc']));
    expect(await services('service:dead_letters:sum')).toEqual(expect.arrayContaining(['catalog-svc', 'checkout-orchestrator', 'payments-svc']));
    expect(await prometheus.query('checkouts_in_state{state="Failed"}')).toHaveLength(1);
    expect((await prometheus.query('ALERTS{alertstate="firing"}')).map((alert) => alert.metric.alertname)).toEqual([]);
  });

  it("serves a plot's lines through the edge, one per service, with numbers", async () => {
    type Plot = { lines: { service: string; points: [number, number | null][] }[] };
    // The edge asks for points up to the last whole step, so the newest rule evaluation can lag a step.
    const body = await poll(
      async () => {
        const response = await fetch(`${cluster.urlOf('bff-web')}/api/metrics/series/throughput?minutes=5`);
        expect(response.status).toBe(200);
        const plot = (await response.json()) as Plot;
        const bff = plot.lines.find((line) => line.service === 'bff-web');
        return bff?.points.some(([, value]) => typeof value === 'number' && value > 0) && plot;
      },
      20_000,
      'bff-web throughput on the plot route',
    );
    expect(body.lines.map((line) => line.service)).toEqual([...body.lines.map((line) => line.service)].sort());
    expect(body.lines.map((line) => line.service)).toEqual(expect.arrayContaining(['bff-web', 'catalog-svc']));
  });

  it('draws the plots on the health page in Chromium, with data', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
    const problems = collectPageErrors(page);
    await page.goto(`${cluster.urlOf('bff-web')}/health`);

    const throughput = page.locator('[data-testid="metric-plot"][data-series="throughput"]');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="metric-plot"][data-series="throughput"]')?.getAttribute('data-points')) > 0,
      undefined,
      { timeout: 20_000 },
    );
    // uPlot draws on a canvas sized to the card, with a legend entry per service.
    const canvas = await throughput.locator('canvas').boundingBox();
    expect(canvas?.width).toBeGreaterThan(200);
    expect(await throughput.locator('.u-legend .u-series').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('bff-web')]),
    );
    // The canvas holds a drawn line, not just a blank background.
    const painted = await throughput.locator('canvas').evaluate((element) => {
      const canvasElement = element as HTMLCanvasElement;
      const pixels = canvasElement.getContext('2d')?.getImageData(0, 0, canvasElement.width, canvasElement.height).data ?? [];
      let coloured = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && (pixels[i] !== pixels[i + 1] || pixels[i + 1] !== pixels[i + 2])) coloured++;
      return coloured;
    });
    expect(painted).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="metric-plot"]').count()).toBe(6);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'health-plots.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
