import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { collectPageErrors, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { startedCluster } from './support/started-cluster';
import type { TestCluster } from './support/test-cluster';


describe('the trace view on the shop page, in a real browser', () => {
  let cluster: TestCluster;
  let browser: Browser;

  beforeAll(async () => {
    cluster = await startedCluster();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it("draws a paid checkout's waterfall from a row's Trace link: a lane per service, waits marked, the row's spans highlighted", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    // The trace route answers 404 until the spans are in; the loop below presses until they are.
    const problems = collectPageErrors(page, [], /404/);
    await page.goto(`${cluster.urlOf('bff-web')}/`);
    await page.getByTestId('order-total').filter({ hasText: '39.99' }).waitFor();
    await page.getByTestId('scenario-happy').check();
    await page.getByTestId('pay-button').click();
    await page.locator('[data-testid="final-state"][data-state="Completed"]').waitFor({ timeout: 20_000 });

    const row = page.locator('[data-testid="choreography-row"][data-message-name="StockReservationRequested"]');
    // Spans are exported in batches a moment after the work: the link is pressed until they are in.
    const deadline = Date.now() + 15_000;
    while ((await page.locator('.trace-lane').count()) < 5 && Date.now() < deadline) {
      await row.getByTestId('trace-link').click();
      await page.waitForTimeout(500);
    }
    const lanes = await page.locator('.trace-lane').evaluateAll((all) => all.map((lane) => lane.getAttribute('data-service')));
    expect(lanes).toEqual(['bff-web', 'checkout-orchestrator', 'catalog-svc', 'payments-svc', 'psp-sandbox']);
    expect(await page.locator('.trace-bar.is-outbox').count()).toBeGreaterThan(0);
    expect(await page.locator('.trace-bar.is-queue').count()).toBeGreaterThan(0);
    expect(await page.locator('.trace-bar.is-highlighted').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'trace-view.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
