import { SANDBOX_CREDENTIALS } from '@checkout/contracts';
import { VaultClient } from '@checkout/platform';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { collectPageErrorsWithoutPrometheus, launchBrowser, SCREENSHOTS_DIR } from './support/browser';
import { call, settled, type ExperimentView } from './support/chaos-api';
import { SupervisedCluster } from './support/supervised-cluster';
import { LEASED_SERVICES, ROOT_TOKEN } from './support/vault-mode';

/**
 * The two rotation experiments of the chaos catalogue, asked for through the public edge with
 * nothing but their kind, against the whole cluster under pm2 with its logins leased from the
 * Vault stand-in and the agent's live load running; and the health page's secrets panel
 * watching the logins change.
 */
describe('rotating secrets from the chaos page, under live load', () => {
  let cluster: SupervisedCluster;
  let edge: string;
  let browser: Browser;
  let panel: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 3, recoverySeconds: 45, vault: { defaultSeconds: 60, maxSeconds: 600 } });
    edge = cluster.urlOf('bff-web');
    browser = await launchBrowser();
    panel = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    collectPageErrorsWithoutPrometheus(panel, problems);
    await panel.goto(`${edge}/health`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  let clients = 0;
  const start = (body: Record<string, unknown>) =>
    call(edge, 'POST', '/api/chaos/experiments', body, { 'x-forwarded-for': `10.1.0.${++clients}` });
  const internal = (id: string) => call(cluster.agentUrl, 'GET', `/experiments/${id}`).then((answer) => answer.body as unknown as ExperimentView);
  const loginOf = async (name: string) => ((await call(cluster.urlOf(name as never), 'GET', '/ops/credentials')).body.lease as { username: string }).username;
  const panelLogins = () =>
    panel.locator('[data-testid="secret-row"]').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.getAttribute('data-service'), row.getAttribute('data-login')])));
  const vault = () => cluster.vault!;

  async function runToVerdict(body: Record<string, unknown>): Promise<ExperimentView> {
    const started = await start(body);
    expect(started.status).toBe(202);
    const experiment = await settled(edge, `/api/chaos/experiments/${started.body.experimentId}`);
    expect({ kind: body.kind, failed: experiment.checks.filter((check) => !check.passed) }).toEqual({ kind: body.kind, failed: [] });
    expect(experiment.verdict?.passed).toBe(true);
    return internal(experiment.id);
  }

  it('refuses a rotation with a target or an overlap it cannot take (400), and starts nothing', async () => {
    const wrongTarget = await start({ kind: 'rotate-credentials', target: 'catalog-svc' });
    expect([wrongTarget.status, wrongTarget.body.code]).toEqual([400, 'CHAOS.BAD_TARGET']);
    const tooShort = await start({ kind: 'rotate-webhook-secret', seconds: 2 });
    expect([tooShort.status, tooShort.body.code]).toEqual([400, 'CHAOS.BAD_DURATION']);
    expect((await call(edge, 'GET', '/api/chaos/experiments')).body.recent).toEqual([]);
  });

  it("shows each service's current login on the health page's secrets panel", async () => {
    const expected = Object.fromEntries(await Promise.all(LEASED_SERVICES.map(async (name) => [name, await loginOf(name)] as const)));
    await panel.waitForFunction(
      (logins) => Object.entries(logins).every(([name, login]) => document.querySelector(`[data-testid="secret-row"][data-service="${name}"]`)?.getAttribute('data-login') === login),
      expected,
      { timeout: 10_000 },
    );
    expect(await panelLogins()).toEqual(expected);
    for (const name of LEASED_SERVICES) expect(expected[name]).toMatch(new RegExp(`^v-${name}-`));
  });

  it('rotate-credentials: every service on a new login with nothing failed, every old login dropped, and the panel shows the change', async () => {
    const before = await panelLogins();
    const experiment = await runToVerdict({ kind: 'rotate-credentials' });

    expect(experiment.checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(['no failed request', 'no message retried or dead-lettered', 'old logins dropped', 'invariants']),
    );
    const retired = String(experiment.evidence?.retiredLogins).split(',');
    expect(retired.sort()).toEqual(Object.values(before).sort());
    // Checked here too, not only by the agent: no retired role left, and no session using one.
    expect(await vault().adminQuery('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [retired])).toEqual([]);
    expect(await vault().adminQuery('SELECT pid FROM pg_stat_activity WHERE usename = ANY($1)', [retired])).toEqual([]);

    await panel.waitForFunction(
      (old) => Object.entries(old).every(([name, login]) => {
        const shown = document.querySelector(`[data-testid="secret-row"][data-service="${name}"]`)?.getAttribute('data-login');
        return shown && shown !== login && shown.startsWith(`v-${name}-`);
      }),
      before,
      { timeout: 10_000 },
    );
    await panel.screenshot({ path: join(SCREENSHOTS_DIR, 'secrets-panel-after-rotation.png'), fullPage: true });
  });

  it('rotate-webhook-secret: no webhook refused during the overlap, and afterwards the old secret alone is refused (400)', async () => {
    const experiment = await runToVerdict({ kind: 'rotate-webhook-secret', seconds: 8 });
    expect(experiment.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['no webhook rejected', 'old signing secret refused']));
    expect(JSON.stringify(experiment.evidence)).not.toMatch(/whsec_/);

    const current = await new VaultClient({ address: cluster.urlOf('vault-sandbox'), token: ROOT_TOKEN }).readSecret('psp');
    const post = (secret: string) => {
      // An event payments stores and otherwise ignores: 200 whenever the signature holds.
      const payload = JSON.stringify({ id: `evt_after_rotation_${secret.slice(-6)}`, type: 'charge.refund.updated', data: { object: { id: 're_1' } } });
      return fetch(`${cluster.urlOf('payments-svc')}/webhooks/psp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
        body: payload,
      });
    };
    expect((await post(SANDBOX_CREDENTIALS.webhookSecret)).status).toBe(400);
    expect(current.webhook_secret).not.toBe(SANDBOX_CREDENTIALS.webhookSecret);
    expect((await post(current.webhook_secret)).status).toBe(200);
  });

  it('the panel raised no script or console error', () => {
    expect(problems).toEqual([]);
  });
});
