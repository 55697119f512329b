import { z } from 'zod';
import { brokerDefaults, brokerSettings, databaseDefaults, databaseSettings } from './common-config';
import { ConfigValidationError, loadConfig } from './env';
import { equalTo, isOnThisMachine, refusePublishedDefaults, sameLoginAs } from './published-defaults';
import { secretsSettings, vaultTokenDefaults } from '../secrets/secrets-settings';

/** A service's schema as every service builds it: its settings, then the refusal of their published defaults. */
const schema = z
  .object({
    ...databaseSettings('catalog_svc'),
    ...secretsSettings('catalog-svc'),
    ...brokerSettings(),
  })
  .superRefine(
    refusePublishedDefaults([
      ...databaseDefaults('catalog_svc'),
      ...vaultTokenDefaults('catalog-svc'),
      ...brokerDefaults(),
    ]),
  );

/** The configuration error's message, or undefined when the environment is accepted. */
function refusal(source: NodeJS.ProcessEnv): string | undefined {
  try {
    loadConfig(schema, source);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
}

describe('isOnThisMachine', () => {
  it.each(['http://127.0.0.1:3004', 'http://127.9.0.1', 'http://localhost:3004', 'http://[::1]:3004', '127.0.0.1', '::1', 'localhost'])(
    'treats %s as this machine',
    (address) => expect(isOnThisMachine(address)).toBe(true),
  );

  it.each(['https://api.stripe.com', 'http://10.0.0.5:3004', 'http://psp-sandbox:3004', 'http://127.0.0.1.evil.example', '0.0.0.0', 'nonsense://', undefined])(
    'does not treat %s as this machine',
    (address) => expect(isOnThisMachine(address)).toBe(false),
  );
});

describe('the value matchers', () => {
  it('sameLoginAs matches the published user and password wherever the server is', () => {
    const published = sameLoginAs('postgres://postgres:postgres@127.0.0.1:5432/db');
    expect(published('postgres://postgres:postgres@db.internal:5432/other')).toBe(true);
    expect(published('postgres://postgres:s3cret-of-mine@db.internal:5432/db')).toBe(false);
  });

  it('equalTo matches the published value only', () => {
    expect(equalTo('hvs.dev-x')('hvs.dev-x')).toBe(true);
    expect(equalTo('hvs.dev-x')('hvs.mine')).toBe(false);
  });
});

describe('a service started with published defaults', () => {
  it('starts on a developer machine, where every server is on loopback', () => {
    expect(refusal({})).toBeUndefined();
  });

  it.each([
    ['DATABASE_ADMIN_URL', { DATABASE_ADMIN_URL: 'postgres://postgres:postgres@db.internal:5432/checkout_cluster' }, 'postgres:postgres'],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://catalog_svc:catalog_svc@db.internal:5432/checkout_cluster' }, 'catalog_svc:catalog_svc'],
    ['AMQP_URL', { AMQP_URL: 'amqp://guest:guest@rabbitmq.internal:5672' }, 'guest:guest'],
    ['VAULT_TOKEN', { SECRETS_PROVIDER: 'vault', VAULT_ADDR: 'http://vault:8200' }, 'hvs.dev-catalog-svc'],
  ])('refuses %s when its server is elsewhere, naming the setting and never its value', (setting, source, secret) => {
    const message = refusal(source as NodeJS.ProcessEnv);
    expect(message).toMatch(new RegExp(`${setting}: expected a credential of your own: the published default is refused when \\w+ is not on this machine`));
    expect(message?.split('\n')).toHaveLength(2); // only that setting
    expect(message).not.toContain(secret);
  });

  it('accepts a login of its own on a server elsewhere', () => {
    expect(refusal({ DATABASE_ADMIN_URL: 'postgres://migrator:long-and-private@db.internal:5432/checkout_cluster' })).toBeUndefined();
    expect(refusal({ AMQP_URL: 'amqps://shop:long-and-private@rabbitmq.internal:5671' })).toBeUndefined();
  });

  it('does not refuse what is not used: the Vault token under env secrets, DATABASE_URL\'s password under Vault leases', () => {
    expect(refusal({ VAULT_ADDR: 'http://vault:8200' })).toBeUndefined();
    expect(
      refusal({ SECRETS_PROVIDER: 'vault', VAULT_ADDR: 'http://vault:8200', VAULT_TOKEN: 'hvs.mine', DATABASE_URL: 'postgres://catalog_svc:catalog_svc@db.internal:5432/x' }),
    ).toBeUndefined();
  });
});
