import { eventually, freePort, sleep } from '@checkout/platform/testing';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { collectPageErrors, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { ALL_SERVICES, TestCluster } from './support/test-cluster';
import { TestPrometheus } from './support/test-prometheus';
// The pages' plots are defined once; the counts below follow from that definition.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DASHBOARDS } from '../../../demo/web/src/plots/dashboards';

/** Polls at most twice a second: Prometheus only changes at each 15 s scrape anyway. */
const poll = <T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string) =>
  eventually(async () => (await probe()) || (await sleep(500), undefined), timeoutMs, what);

describe('Prometheus scraping a cluster, and the plots drawn from it', () => {
  let cluster: TestCluster;
  let prometheus: TestPrometheus;
  let browser: Browser | undefined;
  let agent: Server;

  beforeAll(async () => {
    const agentPort = await freePort();
    agent = await standInChaosAgent(agentPort);
    cluster = await TestCluster.create();
    // The five services this spec starts (not the Vault stand-in), the edge on its metrics port.
    prometheus = await TestPrometheus.start(cluster.scrapeTargets(ALL_SERVICES));
    // A stand-in for the chaos agent that reports one fault: the chaos page's plots come from
    // Prometheus, its fault bands from the agent. The spec's own traffic (a checkout every 2 s,
    // for minutes) is more than a visitor's limit.
    const overrides = {
      PROMETHEUS_URL: prometheus.url,
      CHAOS_AGENT_URL: `http://127.0.0.1:${agentPort}`,
      RATE_LIMIT_STARTS_PER_MINUTE: '120',
    };
    await Promise.all(ALL_SERVICES.map((name) => cluster.start(name, name === 'bff-web' ? overrides : {}).waitReady()));
  });

  afterAll(async () => {
    await browser?.close();
    // Prometheus first: its keep-alive scrape connection would otherwise hold bff-web's shutdown open.
    await prometheus?.stop();
    await cluster?.stop();
    agent?.closeAllConnections();
    await new Promise((resolve) => (agent ? agent.close(resolve) : resolve(undefined)));
  });

  /** A checkout through the edge, as a visitor's Pay button sends it. */
  const checkout = async () => {
    const response = await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'happy' }),
    });
    expect(response.status).toBe(202);
  };

  /** Checkouts every 2 s while `work` runs: the live views' 20 s rates fade without traffic. */
  const withTraffic = async <T>(work: () => Promise<T>): Promise<T> => {
    let running = true;
    const traffic = (async () => {
      while (running) {
        await checkout();
        await sleep(2000);
      }
    })();
    try {
      return await work();
    } finally {
      running = false;
      await traffic;
    }
  };

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

  // Scrapes and rule evaluations every 15 s: a rate needs two of them after the traffic began.
  it('records throughput, backlog, queue depth, dead letters and checkout states from real series', async () => {
    // Traffic of our own, a checkout through the edge every 2 s, until the rates show. Spread
    // out because a counter's first sample is its first value: a rate needs a later scrape that
    // saw it grow.
    const rising = async (promql: string) => (await prometheus.query(`${promql} > 0`)).length > 0;
    await poll(
      async () => {
        await checkout();
        await sleep(1500);
        return (await rising('service:http_requests:rate1m{service="bff-web"}')) && (await rising('service:messages_handled:rate1m{service="catalog-svc"}'));
      },
      120_000,
      'bff-web throughput and catalog messages handled',
    );
    const services = async (promql: string) => (await prometheus.query(promql)).map((sample) => sample.metric.service).sort();
    expect(await services('service:outbox_pending:max')).toEqual(['catalog-svc', 'checkout-orchestrator', 'payments-svc']);
    expect(await services('service:queue_depth:sum')).toEqual(expect.arrayContaining(['catalog-svc', 'checkout-orchestrator', 'payments-svc']));
    expect(await services('service:dead_letters:sum')).toEqual(expect.arrayContaining(['catalog-svc', 'checkout-orchestrator', 'payments-svc']));
    expect(await prometheus.query('checkouts_in_state{state="Failed"}')).toHaveLength(1);
    // The live views' own series: each consuming service's queues with their one consumer (the
    // replica count as RabbitMQ sees it), and checkout durations observed at Completed.
    const consumers = await prometheus.query('queue_consumers');
    expect([...new Set(consumers.map((sample) => sample.metric.service))].sort()).toEqual(['catalog-svc', 'checkout-orchestrator', 'payments-svc']);
    expect(consumers.map((sample) => sample.value[1])).toEqual(consumers.map(() => '1'));
    await poll(async () => (await prometheus.query('checkout_duration_seconds_count{outcome="Completed"} > 0')).length > 0, 45_000, 'a completed checkout timed');
    expect((await prometheus.query('ALERTS{alertstate="firing"}')).map((alert) => alert.metric.alertname)).toEqual([]);
  }, 240_000);

  it("serves a plot's lines through the edge, one per service, with numbers", async () => {
    type Plot = { lines: { name: string; points: [number, number | null][] }[] };
    // The edge asks for points up to the last whole step, so the newest rule evaluation can lag a step.
    const body = await poll(
      async () => {
        const response = await fetch(`${cluster.urlOf('bff-web')}/api/metrics/series/throughput?minutes=5`);
        expect(response.status).toBe(200);
        const plot = (await response.json()) as Plot;
        const bff = plot.lines.find((line) => line.name === 'bff-web');
        return bff?.points.some(([, value]) => typeof value === 'number' && value > 0) && plot;
      },
      45_000,
      'bff-web throughput on the plot route',
    );
    expect(body.lines.map((line) => line.name)).toEqual([...body.lines.map((line) => line.name)].sort());
    expect(body.lines.map((line) => line.name)).toEqual(expect.arrayContaining(['bff-web', 'catalog-svc']));
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
      { timeout: 45_000 },
    );
    // uPlot draws on a canvas sized to the card, with a legend entry per service.
    const canvas = await throughput.locator('canvas').boundingBox();
    expect(canvas?.width).toBeGreaterThan(200);
    expect(await throughput.locator('.u-legend .u-series').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('bff-web')]),
    );
    // The canvas holds a drawn line, not just a blank background.
    expect(await colouredPixels(throughput)).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="metric-plot"]').count()).toBe(DASHBOARDS.health.series.length);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'health-plots.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("draws the chaos page's plots from Prometheus, with data and the agent's fault shaded", async () => {
    const page = await (browser ??= await launchBrowser()).newPage({ viewport: { width: 1440, height: 1800 } });
    const problems = collectPageErrors(page);
    await withTraffic(async () => {
      await page.goto(`${cluster.urlOf('bff-web')}/chaos`);
      // A line of a few points on a five-minute axis, so there is something to see drawn.
      for (const series of ['checkouts-finished', 'checkout-duration-p95', 'checkouts-in-flight', 'outbox-backlog']) {
        await plotWithPoints(page, series, 4, 120_000);
      }
    });
    expect(await page.locator('[data-testid="metric-plot"]').count()).toBe(DASHBOARDS.chaos.series.length);
    const finished = page.locator('[data-testid="metric-plot"][data-series="checkouts-finished"]');
    expect(await finished.locator('.u-legend .u-series').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Completed')]));
    expect(await colouredPixels(finished)).toBeGreaterThan(20);
    // The stand-in agent's fault, 15 s of the axis, shaded behind the lines.
    expect(await faultShadedPixels(finished)).toBeGreaterThan(500);
    expect(await page.locator('.service-lane[data-service="catalog-svc"]').count()).toBe(1);
    expect(await page.locator('.plot-grid-status').isHidden()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'chaos-plots.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('shows every service ready with its replica, and a message rate on an arrow, on the architecture diagram', async () => {
    const page = await (browser ??= await launchBrowser()).newPage({ viewport: { width: 1440, height: 1200 } });
    const problems = collectPageErrors(page);
    await page.goto(`${cluster.urlOf('bff-web')}/architecture`);
    for (const node of ['bff-web', 'orchestrator', 'catalog', 'payments', 'psp']) {
      await page.locator(`[data-system-node="${node}"][data-ready="ready"][data-replicas="1"]`).waitFor({ timeout: 20_000 });
    }
    expect(await page.locator('[data-system-node="catalog"] .node-status').textContent()).toBe('ready · 1 replica');

    const rate = (link: string) => page.locator(`[data-link="${link}"]`).getAttribute('data-rate').then(Number);
    await withTraffic(() =>
      poll(async () => (await rate('catalog-rabbitmq')) > 0 && (await rate('browser-bff-web')) > 0, 120_000, 'catalog message rate on the diagram'),
    );
    expect(await page.locator('[data-rate-of="catalog-rabbitmq"]').textContent()).toMatch(/^↑ [\d.]+ ↓ [\d.]+ msg\/s$/);
    expect(await page.locator('.live-figures-note').textContent()).toContain('from Prometheus');
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'architecture-live.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  // Last: it stops Prometheus.
  it('says plainly that plots need Prometheus when it is away, and the diagram keeps its readiness', async () => {
    await prometheus.stop();
    const series = await fetch(`${cluster.urlOf('bff-web')}/api/metrics/series/checkouts-finished?minutes=5`);
    expect(series.status).toBe(503);
    expect(series.headers.get('retry-after')).toBe('5');
    const topology = await fetch(`${cluster.urlOf('bff-web')}/api/demo/topology`);
    expect(topology.status).toBe(200);
    expect(await topology.json()).toMatchObject({ metrics: false, services: expect.arrayContaining([{ name: 'catalog-svc', ready: true, replicas: null, requestsPerSecond: null, publishedPerSecond: null, consumedPerSecond: null }]) });

    const page = await (browser ??= await launchBrowser()).newPage({ viewport: { width: 1440, height: 1200 } });
    const problems = collectPageErrors(page, [], /status of 50[23]/);
    await page.goto(`${cluster.urlOf('bff-web')}/chaos`);
    await page.locator('.plot-grid-status', { hasText: 'need Prometheus' }).waitFor({ timeout: 15_000 });
    await page.goto(`${cluster.urlOf('bff-web')}/architecture`);
    await page.locator('.live-figures-note', { hasText: 'need Prometheus' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-system-node="catalog"]').getAttribute('data-ready')).toBe('ready');
    expect(await page.locator('[data-link="catalog-rabbitmq"]').getAttribute('data-rate')).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** Waits until a plot has drawn at least `points` numbers (its card counts them in data-points). */
async function plotWithPoints(page: Page, series: string, points: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    ([name, least]) => Number(document.querySelector(`[data-testid="metric-plot"][data-series="${name}"]`)?.getAttribute('data-points')) >= least,
    [series, points] as const,
    { timeout },
  );
}

/**
 * Pixels of a plot's canvas painted with a fault band's fill, rgba(179, 38, 30, 0.14): the
 * canvas is transparent, so a band alone reads back as that red at about 36 of 255 alpha.
 */
function faultShadedPixels(plot: Locator): Promise<number> {
  return plot.locator('canvas').evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let shaded = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a >= 25 && a <= 50 && Math.abs(r - 179) <= 8 && Math.abs(g - 38) <= 8 && Math.abs(b - 30) <= 8) shaded++;
    }
    return shaded;
  });
}

/**
 * A stand-in for the chaos agent's read side, as the edge passes it on: an empty catalogue, a
 * free slot in the budget and a timeline of every service ready, with one fault that started 25 s ago and ended 10 s ago.
 */
function standInChaosAgent(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const now = Date.now();
    const up = Object.fromEntries(ALL_SERVICES.map((name) => [name, true]));
    const sample = (at: number) => ({ at, up, completedPerSecond: 0, inFlight: 0, p95Ms: null, failedRequests: 0, outbox: {}, queues: {}, deadLetters: {} });
    const answers: Record<string, unknown> = {
      '/experiments': { catalogue: { hypothesis: 'nothing is lost', maxSeconds: 60, publicMaxSeconds: 30, kinds: [] }, recent: [] },
      '/budget': { slotFree: true, running: false, nextSlotAt: new Date(now).toISOString(), coolDownSeconds: 30, hour: { limit: 20, left: 20 }, client: { limit: 3, left: 3, windowMinutes: 10, nextAt: null } },
      '/timeline': {
        samples: [sample(now - 30_000), sample(now)],
        faults: [{ id: 'f1', kind: 'kill-service', target: 'catalog-svc', state: 'finished', from: new Date(now - 25_000).toISOString(), to: new Date(now - 10_000).toISOString() }],
      },
    };
    if (request.url === '/live') {
      // The page's live stream: one `load` event, then held open until the page goes.
      const load = { running: true, perSecond: 5, since: new Date(now).toISOString(), stopsAt: null, lingerSeconds: 120 };
      response.writeHead(200, { 'content-type': 'text/event-stream' }).write(`event: load\ndata: ${JSON.stringify(load)}\n\n`);
      return;
    }
    const answer = answers[new URL(request.url ?? '/', 'http://agent').pathname];
    response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(answer ?? {}));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Pixels of a plot's canvas in a strong colour (not grey, blank or a faint band): a drawn line, not empty axes. */
function colouredPixels(plot: Locator): Promise<number> {
  return plot.locator('canvas').evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const rgb = [pixels[i], pixels[i + 1], pixels[i + 2]];
      if (pixels[i + 3] > 0 && Math.max(...rgb) - Math.min(...rgb) > 40) coloured++;
    }
    return coloured;
  });
}
