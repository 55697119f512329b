import type { InvariantReport } from '@checkout/invariants';
import { CachedAudit } from './cached-audit';

describe('the public audit, served from a recent result', () => {
  let now = 0;
  let audits = 0;
  let release: () => void = () => undefined;
  const audit = () => {
    audits++;
    const report = { passed: true, checkedAt: new Date(now).toISOString(), results: [] } as unknown as InvariantReport;
    return new Promise<InvariantReport>((resolve) => (release = () => resolve(report)));
  };

  beforeEach(() => {
    now = 0;
    audits = 0;
  });

  it('runs one audit for everyone who asks while it runs', async () => {
    const cache = new CachedAudit(audit, 3000, () => now);
    const asked = Promise.all([cache.report(), cache.report(), cache.report()]);
    release();
    const reports = await asked;
    expect(audits).toBe(1);
    expect(new Set(reports).size).toBe(1);
  });

  it('serves the same result until it is older than its bound, then audits again', async () => {
    const cache = new CachedAudit(audit, 3000, () => now);
    const first = cache.report();
    release();
    await first;
    now = 3000;
    await cache.report();
    expect(audits).toBe(1);
    now = 3001;
    const again = cache.report();
    release();
    await again;
    expect(audits).toBe(2);
  });

  it('keeps no failed audit: the next request tries again', async () => {
    let fail = true;
    const cache = new CachedAudit(async () => {
      audits++;
      if (fail) throw new Error('audit login refused');
      return { passed: true, results: [] } as unknown as InvariantReport;
    }, 3000, () => now);
    await expect(cache.report()).rejects.toThrow('audit login refused');
    fail = false;
    await expect(cache.report()).resolves.toMatchObject({ passed: true });
    expect(audits).toBe(2);
  });
});
