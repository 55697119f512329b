import { loadBffConfig } from './config';

describe('bff-web configuration', () => {
  it('defaults to port 3000 and finds every other service on localhost', () => {
    const config = loadBffConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.ORCHESTRATOR_URL).toBe('http://127.0.0.1:3001');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('refuses a Redis URL with another scheme, naming the variable', () => {
    expect(() => loadBffConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
      /REDIS_URL: expected a URL starting with redis:\/\/ or rediss:\/\//,
    );
  });

  it('reads the local Prometheus unless told another, or none', () => {
    expect(loadBffConfig({}).PROMETHEUS_URL).toBe('http://127.0.0.1:9090');
    expect(loadBffConfig({ PROMETHEUS_URL: 'http://prometheus:9090' }).PROMETHEUS_URL).toBe('http://prometheus:9090');
    expect(loadBffConfig({ PROMETHEUS_URL: 'none' }).PROMETHEUS_URL).toBeUndefined();
  });

  it('refuses a Prometheus address that is neither a URL nor none, naming the variable', () => {
    expect(() => loadBffConfig({ PROMETHEUS_URL: 'prometheus:9090' })).toThrow(/PROMETHEUS_URL: expected a URL starting with http:\/\/ or https:\/\//);
  });
});

describe('the edge’s exposure settings', () => {
  it('listens on every interface, serves metrics on loopback only and believes no forwarded-for header', () => {
    const config = loadBffConfig({});
    expect([config.HOST, config.METRICS_HOST, config.METRICS_PORT]).toEqual(['0.0.0.0', '127.0.0.1', 9464]);
    expect(config.TRUSTED_PROXIES).toEqual([]);
  });

  it('accepts state changes from this machine’s own origins unless told the public one', () => {
    expect(loadBffConfig({ PORT: '8080' }).PUBLIC_ORIGINS).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
    expect(loadBffConfig({ PUBLIC_ORIGINS: 'https://shop.example.com, https://www.shop.example.com' }).PUBLIC_ORIGINS).toEqual([
      'https://shop.example.com',
      'https://www.shop.example.com',
    ]);
  });

  it('refuses to start in production without the public origins, naming the setting', () => {
    expect(() => loadBffConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_ORIGINS: required with NODE_ENV=production/);
    expect(loadBffConfig({ NODE_ENV: 'production', PUBLIC_ORIGINS: 'https://shop.example.com' }).PUBLIC_ORIGINS).toEqual(['https://shop.example.com']);
  });

  it('refuses an origin with a path, naming the variable', () => {
    expect(() => loadBffConfig({ PUBLIC_ORIGINS: 'https://shop.example.com/checkout' })).toThrow(/PUBLIC_ORIGINS/);
  });
});

describe('the operations console’s settings', () => {
  it('leaves actions disabled unless a token is set, an empty variable included', () => {
    expect(loadBffConfig({}).OPS_TOKEN).toBeUndefined();
    expect(loadBffConfig({ OPS_TOKEN: '' }).OPS_TOKEN).toBeUndefined();
    expect(loadBffConfig({ OPS_TOKEN: 'a-long-enough-operator-token' }).OPS_TOKEN).toBe('a-long-enough-operator-token');
  });

  it('refuses a token too short to resist guessing, naming the variable', () => {
    expect(() => loadBffConfig({ OPS_TOKEN: 'short' })).toThrow(/OPS_TOKEN: expected at least 16 characters/);
  });

  it('refuses a token that could not be sent as one Bearer credential', () => {
    expect(() => loadBffConfig({ OPS_TOKEN: 'a token with spaces in it' })).toThrow(/OPS_TOKEN: expected printable ASCII without spaces/);
  });
});
