import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { collectPageErrors, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { call } from './support/chaos-api';
import { SupervisedCluster } from './support/supervised-cluster';


describe('the chaos page in a real browser', () => {
  let cluster: SupervisedCluster;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    // A long cool-down, so the page can be seen refusing a visitor and naming the next slot.
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 5, recoverySeconds: 45, budget: { coolDownSeconds: 90, perHour: 20, perClient: 3 } });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('kills catalog-svc from the page within the shared budget: the lane goes down and comes back, the verdict passes, a second run is refused meanwhile', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
    // The plots read Prometheus, which this cluster does not start: the edge answers them 503
    // and the page says plots need Prometheus (prometheus.e2e-spec.ts draws them with data).
    collectPageErrors(page, problems, /status of 503/);
    await page.goto(`${cluster.urlOf('bff-web')}/chaos`);
    await page.locator('.service-lane[data-service="catalog-svc"][data-up="true"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="metric-plot"]').first().waitFor();
    await page.locator('[data-testid="chaos-budget"][data-slot-free="true"]').waitFor();
    expect(await page.getByTestId('chaos-hour-left').textContent()).toMatch(/^20 of 20 experiments left/);
    expect(await page.getByTestId('chaos-client-left').textContent()).toMatch(/^3 of your 3 per 10 minutes left/);
    // The open page is what runs the live load, and it says since when.
    await page.locator('.chaos-live-load', { hasText: /5 paying checkouts a second since \d\d:\d\d:\d\d/ }).waitFor({ timeout: 20_000 });

    await page.selectOption('select[name="kind"]', 'stop-service');
    // A visitor is not offered the edge: it serves this very page.
    expect(await page.locator('select[name="target"] option').allTextContents()).not.toContain('bff-web');
    await page.selectOption('select[name="kind"]', 'kill-service');
    await page.selectOption('select[name="target"]', 'catalog-svc');
    await page.fill('input[name="seconds"]', '5');
    await page.getByRole('button', { name: 'Run experiment' }).click();
    await page.locator('.chaos-experiment[data-state="running"]').waitFor({ timeout: 10_000 });

    // Meanwhile another visitor's experiment is refused: one at a time, cluster-wide.
    const second = await call(cluster.urlOf('bff-web'), 'POST', '/api/chaos/experiments', { kind: 'partition-service', target: 'payments-svc', seconds: 3 }, { 'x-forwarded-for': '10.7.7.7' });
    expect([second.status, second.body.code]).toEqual([429, 'CHAOS.BUSY']);

    await page.locator('.service-lane[data-service="catalog-svc"] .lane-segment.is-down').waitFor({ timeout: 30_000 });
    await page.locator('.chaos-verdict[data-passed="true"]').waitFor({ timeout: 120_000 });
    await page.locator('.service-lane[data-service="catalog-svc"][data-up="true"]').waitFor();
    expect(await page.locator('.lane-fault').count()).toBeGreaterThan(0);
    expect(await page.locator('.chaos-runs tbody tr').count()).toBeGreaterThan(0);
    // The verdict opens the cool-down: the page names when the next slot opens.
    await page.getByTestId('chaos-next-slot').filter({ hasText: /next one opens in \d/ }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('chaos-hour-left').textContent()).toMatch(/^19 of 20/);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'chaos-kill-service.png'), fullPage: true });

    // Another visitor (another address behind the trusted proxy) who presses Run is told why not, and when.
    const other = await browser.newContext({ viewport: { width: 1440, height: 1000 }, extraHTTPHeaders: { 'x-forwarded-for': '10.7.7.9' } });
    const refused = await other.newPage();
    collectPageErrors(refused, problems, /status of (503|429)/);
    await refused.goto(`${cluster.urlOf('bff-web')}/chaos`);
    await refused.locator('[data-testid="chaos-budget"][data-slot-free="false"]').waitFor();
    await refused.locator('select[name="target"] option').first().waitFor({ state: 'attached' });
    await refused.getByRole('button', { name: 'Run experiment' }).click();
    const why = refused.locator('.chaos-status.is-error');
    await why.filter({ hasText: /rests 90 s after each verdict.*Try again in \d/ }).waitFor({ timeout: 10_000 });
    await refused.screenshot({ path: join(SCREENSHOTS_DIR, 'chaos-refused-visitor.png'), fullPage: false });
    await other.close();

    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
