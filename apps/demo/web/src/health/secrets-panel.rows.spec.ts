import type { ServiceLoginView } from '@checkout/contracts/views';
import { secretsRow } from './secrets-panel.rows';

const leased: ServiceLoginView = {
  service: 'catalog-svc',
  provider: 'vault',
  role: 'v-catalog-svc-2a',
  leaseSecondsLeft: 44,
  rotations: 2,
  lastRotationAt: '2026-01-01T12:00:00.000Z',
  renewalFailing: false,
  sessions: [
    { username: 'v-catalog-svc-1f', connections: 1 },
    { username: 'v-catalog-svc-2a', connections: 6 },
  ],
};
const at = (iso: string) => Date.parse(iso);

describe('a row of the secrets panel', () => {
  it('names the leased login, its time left, the last rotation and every login its connections use', () => {
    expect(secretsRow(leased, at('2026-01-01T12:01:05.000Z'))).toEqual({
      service: 'catalog-svc',
      login: 'v-catalog-svc-2a',
      leaseLeft: '44 s',
      warn: false,
      lastRotation: '1 min 5 s ago (2 so far)',
      sessions: 'v-catalog-svc-1f × 1, v-catalog-svc-2a × 6',
    });
  });

  it('flags a lease that is nearly out or whose renewal fails', () => {
    expect(secretsRow({ ...leased, leaseSecondsLeft: 3 }, Date.now()).warn).toBe(true);
    const failing = secretsRow({ ...leased, renewalFailing: true }, Date.now());
    expect(failing).toMatchObject({ warn: true, leaseLeft: '44 s, renewal failing' });
  });

  it('says when a service keeps a static login, and when it did not answer', () => {
    expect(secretsRow({ ...leased, provider: 'env', role: null, leaseSecondsLeft: null }, Date.now())).toMatchObject({ login: 'static login (SECRETS_PROVIDER=env)', leaseLeft: 'no lease' });
    expect(secretsRow({ ...leased, provider: null }, Date.now())).toMatchObject({ login: 'no answer', warn: true });
  });
});
