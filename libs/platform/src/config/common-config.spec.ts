import { z } from 'zod';
import { databasePoolSize, databaseSettings, faultRouteOptions, faultRouteSettings, metricsSettings } from './common-config';
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

describe("a service's fault routes, from its configuration (docs/decisions/0046)", () => {
  const routesSchema = z.object({ ...metricsSettings(), ...faultRouteSettings() });
  const routesFor = (source: NodeJS.ProcessEnv) => faultRouteOptions('catalog-svc', loadConfig(routesSchema, source));

  it('has no routes directory and no listeners unless told (compose, Kubernetes, tests without the agent)', () => {
    expect(routesFor({})).toEqual({ dir: undefined, service: 'catalog-svc', instance: '0', proxies: { postgres: undefined, rabbitmq: undefined } });
  });

  it('names its listeners and acknowledges as its replica', () => {
    const options = routesFor({ FAULT_ROUTES_DIR: '/srv/routes', FAULT_PROXY_POSTGRES: '127.0.0.1:15402', FAULT_PROXY_RABBITMQ: 'localhost:15502', NODE_APP_INSTANCE: '2' });
    expect(options).toEqual({ dir: '/srv/routes', service: 'catalog-svc', instance: '2', proxies: { postgres: '127.0.0.1:15402', rabbitmq: 'localhost:15502' } });
  });

  it.each([
    ['FAULT_PROXY_POSTGRES', '127.0.0.1', 'expected host:port'],
    ['FAULT_PROXY_RABBITMQ', '127.0.0.1:99999', 'expected host:port'],
    ['FAULT_PROXY_POSTGRES', 'http://127.0.0.1:15402', 'expected host:port'],
    ['FAULT_ROUTES_DIR', 'tmp/fault-routes', 'expected an absolute directory path'],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => routesFor({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => routesFor({ [name]: value })).toThrow(new RegExp(`${name}: ${message}`));
  });
});
