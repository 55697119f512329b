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
});
