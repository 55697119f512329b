import { Toxiproxy } from 'toxiproxy-node-client';

const LATENCY_TOXIC = 'chaos-latency';

/**
 * The fault proxy through the official Toxiproxy client: our fault-proxy under `npm start`,
 * the real Toxiproxy in compose. Proxies are named `<service>.postgres` / `<service>.rabbitmq`
 * (scripts/chaos.pm2.js). Every call is idempotent, so a revert can be repeated.
 */
export class FaultProxyClient {
  private readonly toxiproxy: Toxiproxy;

  constructor(url: string) {
    this.toxiproxy = new Toxiproxy(url);
  }

  async setEnabled(name: string, enabled: boolean): Promise<void> {
    const proxy = await this.toxiproxy.get(name);
    if (proxy.enabled !== enabled) await proxy.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
  }

  /** Every proxy in front of RabbitMQ. */
  async brokerProxies(): Promise<string[]> {
    return Object.keys(await this.toxiproxy.getAll()).filter((name) => name.endsWith('.rabbitmq'));
  }

  async addLatency(name: string, latencyMs: number): Promise<void> {
    await this.removeLatency(name);
    const proxy = await this.toxiproxy.get(name);
    await proxy.addToxic({ name: LATENCY_TOXIC, type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: latencyMs, jitter: 0 } });
  }

  async removeLatency(name: string): Promise<void> {
    const proxy = await this.toxiproxy.get(name);
    const toxic = await proxy.getToxic(LATENCY_TOXIC).catch(() => null);
    await toxic?.remove();
  }
}
