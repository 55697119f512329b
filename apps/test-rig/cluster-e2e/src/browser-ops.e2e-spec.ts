import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { CheckoutApi } from './support/checkout-api';
import { failedCheckout, OPS_TOKEN, startClusterWithOpsToken } from './support/ops-console';
import { TestCluster } from './support/test-cluster';

/**
 * Answers the console provokes on purpose, which Chromium logs as errors: a refused token
 * (401/403), and the trace route probed before tracing exists (404).
 */
const EXPECTED_REFUSALS = /Failed to load resource: the server responded with a status of (401|403|404)/;

describe('the operations console in a real browser', () => {
  let cluster: TestCluster;
  let browser: Browser;
  let checkoutId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.create();
    await startClusterWithOpsToken(cluster);
    browser = await launchBrowser();
    checkoutId = await failedCheckout(cluster);
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    collectPageErrors(page, problems, EXPECTED_REFUSALS);
    await page.goto(`${cluster.urlOf('bff-web')}${path}`);
    return page;
  }

  it('shows anyone the Failed checkout without its id, the operator its id, history and resume, and resumes it', async () => {
    // Not the shop: its order comes from the catalog, which is stopped to make the checkout fail.
    const page = await open('/architecture');
    await page.locator('.site-nav a', { hasText: 'Ops' }).click();
    const first = page.locator('[data-testid="ops-checkout"]').first();
    await first.and(page.locator('[data-state="Failed"][data-stuck="true"]')).waitFor();
    // Anonymous: states, counts and ages; the id (the key to someone's checkout) is hidden.
    expect(await first.getAttribute('data-checkout-id')).toBe('');
    expect(await page.content()).not.toContain(checkoutId);
    expect(await page.getByTestId('resume-button').count()).toBe(0);

    await page.getByTestId('ops-token-input').fill('not-the-operator-token');
    await page.getByTestId('ops-token-submit').click();
    await page.getByText('That token was refused.').waitFor();
    expect(await page.getByTestId('resume-button').count()).toBe(0);

    await page.getByTestId('ops-token-input').fill(OPS_TOKEN);
    await page.getByTestId('ops-token-submit').click();
    const row = page.locator(`[data-testid="ops-checkout"][data-checkout-id="${checkoutId}"]`);
    await row.getByTestId('resume-button').waitFor();
    expect(await page.locator('[data-testid="ops-checkout"]').first().getAttribute('data-checkout-id')).toBe(checkoutId);
    await row.getByTestId('ops-history').locator('summary').click();
    await row.locator('.ops-history li', { hasText: 'ReleaseTimedOut' }).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'ops-failed.png'), fullPage: true });

    await row.getByTestId('resume-button').click();
    await page.getByTestId('ops-status').filter({ hasText: 'Resumed: now Compensating.' }).waitFor();
    await page.locator(`[data-testid="ops-checkout"][data-checkout-id="${checkoutId}"][data-state="Compensating"]`).waitFor();

    await cluster.start('catalog-svc').waitReady();
    await new CheckoutApi(cluster).settle(checkoutId, (view) => view.state === 'Cancelled', 30_000);
    await page.close();
    expect(problems).toEqual([]);
  });
});
