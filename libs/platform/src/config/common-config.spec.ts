import { z } from 'zod';
import { databasePoolSize, databaseSettings } from './common-config';
import { ConfigValidationError, loadConfig } from './env';

const schema = z.object(databaseSettings('catalog_svc'));
const poolFor = (source: NodeJS.ProcessEnv) => databasePoolSize(loadConfig(schema, source));

describe("a service's database pool, sized for the replicas that share its connections", () => {
  it('pools 10 connections in a single process by default', () => {
    expect(poolFor({})).toBe(10);
  });

  it('splits the connections between replicas, so three replicas hold no more than one process did', () => {
    expect(poolFor({ CLUSTER_REPLICAS: '2' })).toBe(5);
    expect(poolFor({ CLUSTER_REPLICAS: '3' })).toBe(3);
    expect(poolFor({ CLUSTER_REPLICAS: '3', DATABASE_CONNECTIONS: '30' })).toBe(10);
  });

  it('keeps at least two connections per process however many replicas share them', () => {
    expect(poolFor({ CLUSTER_REPLICAS: '12' })).toBe(2);
  });

  it('takes an explicit DATABASE_POOL_SIZE over the split (a pooler in front of Postgres)', () => {
    expect(poolFor({ CLUSTER_REPLICAS: '3', DATABASE_POOL_SIZE: '20' })).toBe(20);
  });

  it.each([
    ['CLUSTER_REPLICAS', '0'],
    ['DATABASE_CONNECTIONS', 'ten'],
    ['DATABASE_POOL_SIZE', '2.5'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => poolFor({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => poolFor({ [name]: value })).toThrow(new RegExp(`${name}: expected a positive whole number`));
  });
});
