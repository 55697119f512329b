import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrorsWithoutPrometheus, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { HAPPY_PATH_ROWS } from './support/checkout-api';
import { startedCluster } from './support/started-cluster';
import type { TestCluster } from './support/test-cluster';


describe('the demo in a real browser', () => {
  let cluster: TestCluster;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    cluster = await startedCluster();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // No Prometheus here (prometheus.e2e-spec.ts draws the plots with one of its own).
    collectPageErrorsWithoutPrometheus(page, problems);
    await page.goto(`${cluster.urlOf('bff-web')}${path}`);
    return page;
  }

  async function pay(page: Page, scenario: string): Promise<void> {
    await page.getByTestId(`scenario-${scenario}`).check();
    await page.getByTestId('pay-button').click();
  }

  const rowNames = (page: Page) =>
    page.locator('[data-testid="choreography-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-message-name')));

  it('runs the happy path: every message shows as a row and the checkout ends Completed', async () => {
    const page = await open('/');
    await page.getByTestId('order-total').filter({ hasText: '39.99' }).waitFor();
    await pay(page, 'happy');
    await page.locator('[data-testid="final-state"][data-state="Completed"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="choreography-row"]').length >= count, HAPPY_PATH_ROWS.length);
    expect(await rowNames(page)).toEqual(expect.arrayContaining(HAPPY_PATH_ROWS));
    expect(await page.locator('[data-testid="choreography-row"][data-compensation="true"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'happy-path.png'), fullPage: true });
    await page.close();
  });

  it('shows a declined payment compensating in red and ending Cancelled', async () => {
    const page = await open('/');
    await pay(page, 'payment-declined');
    await page.locator('[data-testid="final-state"][data-state="Cancelled"]').waitFor({ timeout: 20_000 });
    const compensation = page.locator('[data-testid="choreography-row"][data-compensation="true"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="choreography-row"][data-compensation="true"]').length >= 2);
    const names = await compensation.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-message-name')));
    expect(names).toEqual(expect.arrayContaining(['StockReleaseRequested', 'StockReleased']));
    const colour = await compensation.first().evaluate((row) => getComputedStyle(row).color + ' ' + getComputedStyle(row).backgroundColor);
    expect(colour).toMatch(/rgb\((1[5-9]\d|2\d\d), \d{1,2}\d?, \d{1,2}\d?\)/); // a red tone, as text or background
    expect(await page.getByTestId('final-state').textContent()).toMatch(/Cancelled.*declined/i);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'payment-declined.png'), fullPage: true });
    await page.close();
  });

  it('shows every service ready on the health dashboard', async () => {
    const page = await open('/health');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="health-card"][data-ready="true"]').length === 5, undefined, { timeout: 15_000 });
    const services = await page.locator('[data-testid="health-card"]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-service')).sort());
    expect(services).toEqual(['bff-web', 'catalog-svc', 'checkout-orchestrator', 'payments-svc', 'psp-sandbox']);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'health.png'), fullPage: true });
    await page.close();
  });

  it('draws the saga diagram from the orchestrator’s own table', async () => {
    const page = await open('/architecture');
    await page.getByTestId('saga-diagram').waitFor();
    const states = await page.locator('[data-state-node]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state-node')).sort());
    expect(states).toEqual(['AwaitingPayment', 'Cancelled', 'Compensating', 'Completed', 'ExpiringPayment', 'Failed', 'Initiated', 'StockReserved']);
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'architecture.png'), fullPage: true });
    await page.close();
  });

  it('raised no script error or content-security-policy violation on any page', () => {
    expect(problems).toEqual([]);
  });
});
