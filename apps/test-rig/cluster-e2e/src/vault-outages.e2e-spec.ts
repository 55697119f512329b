import { SANDBOX_CREDENTIALS } from '@checkout/contracts';
import { freePort, sleep, TcpProxy } from '@checkout/platform/testing';
import { TestCluster } from './support/test-cluster';
import { ROOT_TOKEN, VaultMode } from './support/vault-mode';

// A renewal falls due at 2/3 of the TTL: 4 s before the lease would end.
const TTL = { defaultSeconds: 12, maxSeconds: 120 };
const RENEW_BEFORE_END_S = TTL.defaultSeconds / 3;
/** sysexits' EX_CONFIG, as for a bad environment: pm2 is told not to restart on it. */
const EX_CONFIG = 78;

const down = (name: string) => (status: number, body: { error?: Record<string, unknown> }) =>
  status === 503 && body.error?.[name] !== undefined;
const up = (status: number) => status === 200;

describe('a service whose secrets come from Vault', () => {
  let cluster: TestCluster;
  let vault: VaultMode;
  let proxy: TcpProxy;

  beforeAll(async () => {
    cluster = await TestCluster.create();
    vault = new VaultMode(cluster, TTL);
    proxy = await TcpProxy.start(await freePort(), cluster.ports['vault-sandbox']);
  });

  afterAll(async () => {
    await proxy?.cut();
    await cluster?.stop();
    await vault?.dropRoles();
  });

  it('reports 503 naming vault while Vault is down at start-up, then becomes ready by itself once it is back', async () => {
    const catalog = vault.startService('catalog-svc', `http://127.0.0.1:${proxy.port}`);
    const notReady = await catalog.waitFor((status, body) => down('vault')(status, body) && 'lastError' in (body.error?.vault ?? {}));
    expect(notReady.error?.vault).toMatchObject({ status: 'down', lastError: expect.stringMatching(/^vault: /) });
    await vault.startVault();
    const ready = await catalog.waitReady();
    expect(ready.info?.vault).toMatchObject({ status: 'up', username: expect.stringMatching(/^v-catalog-svc-/) });
  });

  it('replaces a lease whose renewal fails before it expires, and keeps serving', async () => {
    let before = (await vault.credentials('catalog-svc')).lease!;
    // Start with the renewal still ahead, so the cut below is in place when it falls due.
    while (before.leaseSecondsLeft! < RENEW_BEFORE_END_S + 1) {
      await sleep(500);
      before = (await vault.credentials('catalog-svc')).lease!;
    }
    // Vault is unreachable when the renewal falls due and back 2.5 s before the lease would end.
    await proxy.cut();
    const failures: string[] = [];
    const serving = (async () => {
      const until = Date.now() + before.leaseSecondsLeft! * 1000 + 1000;
      while (Date.now() < until) {
        const response = await fetch(`${cluster.urlOf('catalog-svc')}/api/products`).catch((error: Error) => error);
        if (response instanceof Error || response.status !== 200) failures.push(String(response instanceof Error ? response.message : response.status));
        await sleep(100);
      }
    })();
    await sleep((before.leaseSecondsLeft! - 2.5) * 1000);
    await proxy.restore();
    await serving;
    const after = (await vault.credentials('catalog-svc')).lease!;
    expect(cluster.service('catalog-svc').logs).toMatch(/renewing database\/creds\/catalog-svc\/\S+ failed/);
    expect(after.username).not.toBe(before.username);
    expect(failures).toEqual([]);
    expect(await vault.adminQuery('SELECT 1 FROM pg_roles WHERE rolname = $1', [before.username])).toEqual([]);
  });

  it('ends every session of a revoked login, and the service moves to a new one', async () => {
    const { username } = (await vault.credentials('catalog-svc')).lease!;
    const [lease] = await vault.adminQuery<{ lease_id: string }>('SELECT lease_id FROM vault.leases WHERE username = $1', [username]);
    const revoked = await fetch(`${cluster.urlOf('vault-sandbox')}/v1/sys/leases/revoke`, {
      method: 'PUT',
      headers: { 'x-vault-token': ROOT_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ lease_id: lease.lease_id }),
    });
    expect(revoked.status).toBe(204);
    expect(await vault.adminQuery('SELECT pid FROM pg_stat_activity WHERE usename = $1', [username])).toEqual([]);
    expect(await vault.adminQuery('SELECT 1 FROM pg_roles WHERE rolname = $1', [username])).toEqual([]);
    // Its next renewal is refused ("lease not found"), so it takes a new lease.
    const catalog = cluster.service('catalog-svc');
    await catalog.waitFor((status, body) => up(status) && (body.info?.vault as { username?: string })?.username !== username, 15_000);
    expect((await fetch(`${cluster.urlOf('catalog-svc')}/api/products`)).status).toBe(200);
  });

  it('refuses another service’s credentials with 403 "permission denied"', async () => {
    const response = await fetch(`${cluster.urlOf('vault-sandbox')}/v1/database/creds/payments-svc`, {
      headers: { 'x-vault-token': vault.tokenOf('catalog-svc') },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ errors: ['permission denied'] });
  });

  // The stand-in seeds secret/psp with the sandbox's published defaults, as `npm start` runs it.
  it.each([
    ['payments-svc', { PSP_API_URL: 'https://api.stripe.com' }],
    ['psp-sandbox', { PSP_PUBLIC_URL: 'https://psp.example.com' }],
  ] as const)(
    "%s stops (exit 78) when Vault hands it the sandbox's published secrets for a provider not on this machine",
    async (name, providerElsewhere) => {
      const service = cluster.start(name, { ...vault.serviceEnv(name), ...providerElsewhere });
      expect(await service.exited).toBe(EX_CONFIG);
      expect(service.logs).toMatch(/secret\/psp api_key: expected a secret of your own/);
      expect(service.logs).toMatch(/secret\/psp webhook_secret: expected a secret of your own/);
      expect(service.logs).not.toContain(SANDBOX_CREDENTIALS.webhookSecret);
      expect(service.logs).not.toContain(SANDBOX_CREDENTIALS.apiKey);
    },
  );
});
