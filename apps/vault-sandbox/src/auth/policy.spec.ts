import { allows, Policy } from './policy';

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
