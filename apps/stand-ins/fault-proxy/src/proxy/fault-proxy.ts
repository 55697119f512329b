import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Link } from './link';
import type { Toxic } from './toxic';
import { ProxyError } from './proxy.errors';

export interface ProxyDefinition {
  readonly name: string;
  /** host:port to listen on; port 0 picks a free one. */
  readonly listen: string;
  /** host:port of the real server. */
  readonly upstream: string;
  readonly enabled?: boolean;
}

/** Toxiproxy's view of a proxy, as its API returns it. */
export interface ProxyView {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
  readonly toxics: readonly Toxic[];
}

/**
 * One listener in front of one upstream. Disabled, it is gone: it stops listening and drops
 * every connection, which a client sees exactly as the server going down.
 */
export class FaultProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private toxics: Toxic[] = [];
  private boundListen: string;
  private enabled = false;

  constructor(private definition: ProxyDefinition) {
    this.boundListen = definition.listen;
  }

  get name(): string {
    return this.definition.name;
  }

  view(): ProxyView {
    return {
      name: this.name,
      listen: this.boundListen,
      upstream: this.definition.upstream,
      enabled: this.enabled,
      toxics: [...this.toxics],
    };
  }

  async setEnabled(enabled: boolean): Promise<void> {
    if (enabled && !this.server) await this.listen();
    if (!enabled && this.server) await this.unlisten();
  }

  /** Changes where it listens or forwards to; open connections are dropped, as Toxiproxy does. */
  async redefine(change: Partial<ProxyDefinition>): Promise<void> {
    const wasEnabled = this.enabled;
    await this.unlisten();
    this.definition = { ...this.definition, ...change };
    this.boundListen = this.definition.listen;
    if (change.enabled ?? wasEnabled) await this.listen();
  }

  toxic(name: string): Toxic {
    const found = this.toxics.find((toxic) => toxic.name === name);
    if (!found) throw new ProxyError('TOXIC.NOT_FOUND', 404, `toxic not found: ${name}`);
    return found;
  }

  addToxic(toxic: Toxic): void {
    if (this.toxics.some((existing) => existing.name === toxic.name)) {
      throw new ProxyError('TOXIC.EXISTS', 409, `toxic already exists: ${toxic.name}`);
    }
    this.toxics = [...this.toxics, toxic];
    this.applyToxics();
  }

  replaceToxic(toxic: Toxic): void {
    this.toxic(toxic.name);
    this.toxics = this.toxics.map((existing) => (existing.name === toxic.name ? toxic : existing));
    this.applyToxics();
  }

  removeToxic(name: string): void {
    this.toxic(name);
    this.toxics = this.toxics.filter((toxic) => toxic.name !== name);
    this.applyToxics();
  }

  async close(): Promise<void> {
    await this.unlisten();
  }

  private applyToxics(): void {
    for (const link of this.links) link.apply(this.toxics);
  }

  /** Re-enabling listens on the port it had: clients configured with it must find it again. */
  private async listen(): Promise<void> {
    const { host, port } = hostAndPort(this.boundListen);
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new ProxyError('PROXY.LISTEN_FAILED', 500, `cannot listen on ${this.boundListen}: ${error.message}`)));
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.boundListen = `${host}:${address.port}`;
    this.server = server;
    this.enabled = true;
  }

  private async unlisten(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.enabled = false;
    for (const link of [...this.links]) link.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    // No Nagle delay on either side: the proxy must not add latency nobody asked for.
    client.setNoDelay(true);
    const { host, port } = hostAndPort(this.definition.upstream);
    const upstream: Socket = createConnection({ host, port, noDelay: true });
    const link = new Link(client, upstream, (closed) => this.links.delete(closed));
    this.links.add(link);
    link.apply(this.toxics);
  }
}

export function hostAndPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at < 1 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ProxyError('PROXY.BAD_ADDRESS', 400, `expected host:port, got "${address}"`);
  }
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port };
}
