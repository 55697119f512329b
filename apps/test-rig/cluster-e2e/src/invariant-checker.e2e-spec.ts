import { InvariantChecker, provisionAuditRole, type InvariantReport } from '@checkout/invariants';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { WORKSPACE_ROOT } from './support/service-process';
import { adminUrlFor, dropDatabase, testDatabaseUrl, uniqueName } from './support/test-infrastructure';
import { clearPlantedState, plantCheckout } from './support/planted-state';

const run = promisify(execFile);
const SCHEMA_OWNERS = [
  ['checkout-orchestrator', 'checkout_svc'],
  ['catalog-svc', 'catalog_svc'],
  ['payments-svc', 'payments_svc'],
  ['psp-sandbox', 'psp_sandbox'],
] as const;

const statusOf = (report: InvariantReport, name: string) => report.results.find((result) => result.name === name);

describe('the invariant checker, shown states the cluster must never reach', () => {
  const database = uniqueName('invariants');
  const auditUrl = testDatabaseUrl('chaos_audit', database);
  let admin: Client;
  let checker: InvariantChecker;

  beforeAll(async () => {
    // The real schemas, from each service's own migrations: the checker's queries are only
    // worth something against the tables the services actually write.
    for (const [service, role] of SCHEMA_OWNERS) {
      await run(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps', service, 'main.js'), 'migrate'], {
        cwd: WORKSPACE_ROOT,
        env: { PATH: process.env.PATH, DATABASE_URL: testDatabaseUrl(role, database), DATABASE_ADMIN_URL: adminUrlFor(database) },
      });
    }
    await provisionAuditRole({ adminUrl: adminUrlFor(database), auditUrl });
    admin = new Client({ connectionString: adminUrlFor(database) });
    await admin.connect();
    checker = InvariantChecker.connect(auditUrl);
  }, 120_000);

  beforeEach(() => clearPlantedState(admin));

  afterAll(async () => {
    await checker?.close();
    await admin?.end();
    await dropDatabase(database);
  });

  it('passes a consistent state: a completed sale paid once and a cancelled order that kept nothing', async () => {
    await plantCheckout(admin, { state: 'Completed', reservation: 'committed', captures: 1 });
    await plantCheckout(admin, { state: 'Cancelled', reservation: 'released' });

    const report = await checker.check();

    expect(report.results.filter((result) => result.status === 'failed')).toEqual([]);
    expect(report.passed).toBe(true);
    // No broker probe was given: the dead-letter invariant is reported as not checked, never as proof.
    expect(statusOf(report, 'dead-letters-as-injected')?.status).toBe('skipped');
  });

  it('flags an oversell: more units sold than left the shelf', async () => {
    await admin.query("UPDATE catalog.products SET on_hand = 10 WHERE sku = 'TRAVEL-MUG'");
    const baseline = await checker.stockBaseline();
    for (let i = 0; i < 3; i++) {
      await plantCheckout(admin, { state: 'Completed', sku: 'TRAVEL-MUG', qty: 5, reservation: 'committed', captures: 1, ageSeconds: 0 });
    }
    await admin.query("UPDATE catalog.products SET on_hand = 0 WHERE sku = 'TRAVEL-MUG'");

    const report = await checker.check({ baseline });

    expect(report.passed).toBe(false);
    expect(statusOf(report, 'sold-equals-completed')).toMatchObject({
      status: 'failed',
      examples: [{ subject: 'TRAVEL-MUG', detail: '15 sold but stock fell by 10 (from 10)' }],
    });
  });

  it('counts a sale whose transaction began before the baseline and committed after it, on both sides', async () => {
    await admin.query("UPDATE catalog.products SET on_hand = 10 WHERE sku = 'TRAVEL-MUG'");
    const baseline = await checker.stockBaseline();
    // Stamped a minute before the baseline (a transaction's now() is its start), committed after it.
    await plantCheckout(admin, { state: 'Completed', sku: 'TRAVEL-MUG', qty: 5, reservation: 'committed', captures: 1, ageSeconds: 60 });
    await admin.query("UPDATE catalog.products SET on_hand = 5 WHERE sku = 'TRAVEL-MUG'");

    const report = await checker.check({ baseline });

    expect(statusOf(report, 'sold-equals-completed')?.status).toBe('passed');
  });

  it('flags a double charge: two captures at the provider for one completed checkout', async () => {
    await plantCheckout(admin, { state: 'Completed', reservation: 'committed', captures: 1 });
    const charged = await plantCheckout(admin, { state: 'Completed', reservation: 'committed', captures: 2 });

    const report = await checker.check();

    expect(statusOf(report, 'completed-charged-once')).toMatchObject({
      status: 'failed',
      violations: 1,
      examples: [{ subject: charged, detail: 'captured 2× at the provider, 1× in payments' }],
    });
  });

  it('flags a stuck checkout once the bound after the last fault has passed, and not before', async () => {
    const stuck = await plantCheckout(admin, { state: 'AwaitingPayment', reservation: 'held', ageSeconds: 600 });
    await admin.query("UPDATE catalog.products SET reserved = 1 WHERE sku = 'DEMO-WIDGET'");

    const withinBound = await checker.check({ lastFaultEndedAt: new Date(Date.now() - 30_000), terminalWithinMs: 120_000 });
    const pastBound = await checker.check({ lastFaultEndedAt: new Date(Date.now() - 300_000), terminalWithinMs: 120_000 });

    expect(statusOf(withinBound, 'checkouts-terminal')?.status).toBe('passed');
    expect(statusOf(pastBound, 'checkouts-terminal')).toMatchObject({
      status: 'failed',
      examples: [{ subject: stuck, detail: 'still AwaitingPayment' }],
    });
  });

  it('flags money kept for a cancelled order and reserved stock no reservation holds', async () => {
    const kept = await plantCheckout(admin, { state: 'Cancelled', reservation: 'released', captures: 1 });
    await admin.query("UPDATE catalog.products SET reserved = 3 WHERE sku = 'DEMO-WIDGET'");

    const report = await checker.check();

    expect(statusOf(report, 'cancelled-keeps-nothing')?.examples).toEqual([
      { subject: kept, detail: 'kept 1× at the provider, 1× in payments' },
    ]);
    expect(statusOf(report, 'reserved-equals-held')?.examples).toEqual([
      { subject: 'DEMO-WIDGET', detail: 'reserved 3, held reservations 0' },
    ]);
  });

  it("flags a paying customer's order cancelled by something other than a stock shortage", async () => {
    const lost = await plantCheckout(admin, { state: 'Cancelled', reservation: 'released', paymentMethod: 'pm_card_visa' });

    const report = await checker.check();

    expect(statusOf(report, 'paying-customers-served')?.examples).toEqual([
      { subject: lost, detail: "a paying customer's checkout ended Cancelled" },
    ]);
  });

  it('reads through a role that cannot change anything', async () => {
    const audit = new Client({ connectionString: auditUrl });
    await audit.connect();
    try {
      await expect(audit.query("UPDATE catalog.products SET on_hand = 0 WHERE sku = 'DEMO-WIDGET'")).rejects.toThrow(
        /read-only transaction|permission denied/,
      );
      // Even a session that switches read-only off has no privilege to write.
      await audit.query('SET default_transaction_read_only = off');
      await expect(audit.query('DELETE FROM checkout.checkouts')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await audit.end();
    }
  });
});
