import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALL_SERVICES } from './support/test-cluster';
import { WORKSPACE_ROOT } from './support/service-process';

type ComposeService = { environment?: Record<string, string | number>; volumes?: string[]; command?: string[] };
const read = (path: string) => parse(readFileSync(join(WORKSPACE_ROOT, path), 'utf8'));

/**
 * deploy/docker/compose.yml cannot be run here (no Docker engine), so what its metrics depend on is
 * checked from the files: every service is scraped where it serves /metrics, and the edge
 * reads the Prometheus that does.
 */
describe('metrics in the compose cluster', () => {
  const compose = read('deploy/docker/compose.yml') as { include: string[]; services: Record<string, ComposeService> };
  const prometheus = compose.services['prometheus'];
  const configFile = (prometheus.command ?? []).find((arg) => arg.startsWith('--config.file='))?.split('/').pop() as string;
  const config = read(`deploy/prometheus/${configFile}`) as {
    scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; port: number }[] }[];
  };

  it('runs a Prometheus of its own, with the rules of deploy/prometheus', () => {
    expect(prometheus.volumes).toContain('../prometheus:/etc/prometheus:ro');
    expect(configFile).toBe('prometheus.compose.yml');
    // promtool reads the configuration and the rules it names, as Prometheus would at start.
    expect(() => execFileSync('promtool', ['check', 'config', join(WORKSPACE_ROOT, 'deploy/prometheus', configFile)], { stdio: 'pipe' })).not.toThrow();
  });

  it('scrapes every service at the port it serves /metrics on: the edge its metrics port, the others their own', () => {
    const scraped = config.scrape_configs.flatMap((job) => job.dns_sd_configs.map(({ names, port }) => [names.join(), port]));
    const served = ALL_SERVICES.map((name) => {
      const env = compose.services[name].environment ?? {};
      return [name, Number(name === 'bff-web' ? env['METRICS_PORT'] : env['PORT'])];
    });
    expect(Object.fromEntries(scraped)).toEqual(Object.fromEntries(served));
    // The edge's metrics port listens beyond its container, or Prometheus could not reach it.
    expect(compose.services['bff-web'].environment?.['METRICS_HOST']).toBe('0.0.0.0');
  });

  it("scrapes under the job name the alerts match, and the edge's plots read that Prometheus", () => {
    expect(config.scrape_configs.map((job) => job.job_name)).toEqual(['checkout-cluster']);
    expect(compose.services['bff-web'].environment?.['PROMETHEUS_URL']).toBe('http://prometheus:9090');
  });

  it('shares Postgres, RabbitMQ and Redis with the infrastructure-only file', () => {
    expect(compose.include).toEqual(['compose.base.yml']);
    expect((read('deploy/docker/compose.infra.yml') as { include: string[] }).include).toEqual(['compose.base.yml']);
    expect(Object.keys((read('deploy/docker/compose.base.yml') as { services: object }).services).sort()).toEqual(['postgres', 'rabbitmq', 'redis']);
  });
});
