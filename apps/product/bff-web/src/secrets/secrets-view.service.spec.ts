import { publicLogin } from './secrets-view.service';

describe('what a visitor sees of a service’s database login', () => {
  it('shows the leased role, its time left, its rotations and its sessions’ logins', () => {
    const view = publicLogin('catalog-svc', {
      provider: 'vault',
      lease: { username: 'v-catalog-svc-ab12-1700000000', leaseSecondsLeft: 42, rotations: 3, lastRotationAt: '2026-01-01T00:00:00.000Z' },
      sessions: [{ username: 'v-catalog-svc-ab12-1700000000', connections: 4 }],
    });
    expect(view).toEqual({
      service: 'catalog-svc',
      provider: 'vault',
      role: 'v-catalog-svc-ab12-1700000000',
      leaseSecondsLeft: 42,
      rotations: 3,
      lastRotationAt: '2026-01-01T00:00:00.000Z',
      renewalFailing: false,
      sessions: [{ username: 'v-catalog-svc-ab12-1700000000', connections: 4 }],
    });
  });

  it('says a renewal is failing without passing on why (the reason can name hosts)', () => {
    const view = publicLogin('payments-svc', {
      provider: 'vault',
      lease: { username: 'v-payments', rotations: 0, lastError: 'vault: renew lease failed: connect ECONNREFUSED 10.0.0.7:8200' },
      sessions: [],
    });
    expect(view.renewalFailing).toBe(true);
    expect(JSON.stringify(view)).not.toContain('ECONNREFUSED');
  });

  it('passes on no field it does not name, whatever the service adds', () => {
    const report = {
      provider: 'vault' as const,
      lease: { username: 'v-x', rotations: 1, password: 'hunter2' },
      sessions: [{ username: 'v-x', connections: 1, password: 'hunter2' }],
      token: 'hvs.secret',
    };
    expect(JSON.stringify(publicLogin('x', report))).not.toMatch(/hunter2|hvs\./);
  });
});
