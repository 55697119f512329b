import { z } from 'zod';
import { replicaMetricsAddress, serviceSettings } from './common-config';
import { ConfigValidationError, loadConfig } from './env';

const schema = z.object(serviceSettings(3002));
const addressFor = (variables: Record<string, string>) => replicaMetricsAddress(loadConfig(schema, variables));

describe("a replica's metrics address", () => {
  it('is none for a process without METRICS_PORT: /metrics stays on its own port', () => {
    expect(addressFor({})).toBeUndefined();
  });

  it('is METRICS_PORT plus the replica index pm2 gives, on the service host unless told', () => {
    expect(addressFor({ METRICS_PORT: '9484' })).toEqual({ port: 9484, host: '127.0.0.1' });
    expect(addressFor({ METRICS_PORT: '9484', NODE_APP_INSTANCE: '2', HOST: '0.0.0.0' })).toEqual({ port: 9486, host: '0.0.0.0' });
    expect(addressFor({ METRICS_PORT: '9484', METRICS_HOST: '10.0.0.5', HOST: '0.0.0.0' })).toEqual({ port: 9484, host: '10.0.0.5' });
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => addressFor({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT: expected a TCP port number/);
    expect(() => addressFor({ METRICS_PORT: '9484', NODE_APP_INSTANCE: '-1' })).toThrow(/NODE_APP_INSTANCE: expected a replica index/);
  });

  it('refuses a replica whose port would be past 65535', () => {
    expect(() => addressFor({ METRICS_PORT: '65535', NODE_APP_INSTANCE: '1' })).toThrow(ConfigValidationError);
    expect(() => addressFor({ METRICS_PORT: '65535', NODE_APP_INSTANCE: '1' })).toThrow(/METRICS_PORT: 65535 plus replica index 1 is past the last TCP port/);
  });
});
