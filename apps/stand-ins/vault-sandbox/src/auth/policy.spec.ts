import { allows, Policy } from './policy';
import { servicePolicy } from './vault-tokens';

const catalog: Policy = {
  name: 'catalog-svc',
  rules: [
    { path: 'database/creds/catalog-svc', capabilities: ['read'] },
    { path: 'sys/leases/*', capabilities: ['update'] },
  ],
};

describe('a service policy', () => {
  it('lets the service read its own database credentials', () => {
    expect(allows(catalog, 'database/creds/catalog-svc', 'read')).toBe(true);
  });

  it("refuses another service's credentials, even with a shared prefix", () => {
    expect(allows(catalog, 'database/creds/payments-svc', 'read')).toBe(false);
    expect(allows(catalog, 'database/creds/catalog-svc-admin', 'read')).toBe(false);
  });

  it('grants only the capabilities it names', () => {
    expect(allows(catalog, 'sys/leases/renew', 'update')).toBe(true);
    expect(allows(catalog, 'sys/leases/renew', 'read')).toBe(false);
    expect(allows(catalog, 'secret/data/psp', 'read')).toBe(false);
  });
});

describe('the policies the stand-in builds from its settings', () => {
  const settings = {
    VAULT_DB_ROLES: new Map([['payments-svc', 'payments_svc']]),
    VAULT_PSP_SECRET_READERS: ['payments-svc'],
    VAULT_PSP_SECRET_ROTATORS: ['chaos-agent'],
  };

  it('let a reader of the provider secrets read them but never write a new version', () => {
    const payments = servicePolicy('payments-svc', settings);
    expect(allows(payments, 'secret/data/psp', 'read')).toBe(true);
    expect(allows(payments, 'secret/data/psp', 'update')).toBe(false);
  });

  it('let the rotator read and write the provider secrets, and nothing of the database', () => {
    const agent = servicePolicy('chaos-agent', settings);
    expect(allows(agent, 'secret/data/psp', 'read')).toBe(true);
    expect(allows(agent, 'secret/data/psp', 'update')).toBe(true);
    expect(allows(agent, 'database/creds/chaos-agent', 'read')).toBe(false);
    expect(allows(agent, 'sys/leases/revoke', 'update')).toBe(false);
  });
});
