import type { Socket } from 'node:net';
import { Direction } from './direction';
import type { Toxic } from './toxic';

/**
 * One client connection and its upstream connection. Each toxic decides once per connection
 * whether it applies (its toxicity), as Toxiproxy does, so a 50% toxic hits half the
 * connections rather than half the bytes of each.
 */
export class Link {
  private readonly upstreamDirection: Direction;
  private readonly downstreamDirection: Direction;
  private readonly affected = new Map<string, boolean>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly onClose: (link: Link) => void,
  ) {
    this.upstreamDirection = new Direction(client, upstream);
    this.downstreamDirection = new Direction(upstream, client);
    for (const socket of [client, upstream]) {
      socket.on('error', () => this.close());
      socket.on('close', () => this.close());
    }
  }

  apply(toxics: readonly Toxic[]): void {
    const active = toxics.filter((toxic) => this.hits(toxic));
    this.upstreamDirection.apply(active.filter((toxic) => toxic.stream === 'upstream'));
    this.downstreamDirection.apply(active.filter((toxic) => toxic.stream === 'downstream'));
    for (const [name, timer] of this.timers) {
      if (active.some((toxic) => toxic.name === name)) continue;
      clearTimeout(timer);
      this.timers.delete(name);
    }
    for (const toxic of active) this.arm(toxic);
  }

  /** A timeout toxic with a timeout closes the connection; reset_peer resets it (RST, not FIN). */
  private arm(toxic: Toxic): void {
    if (this.timers.has(toxic.name)) return;
    const after = toxic.attributes.timeout ?? 0;
    if (toxic.type === 'reset_peer') this.timers.set(toxic.name, setTimeout(() => this.reset(), after));
    if (toxic.type === 'timeout' && after > 0) this.timers.set(toxic.name, setTimeout(() => this.close(), after));
  }

  private hits(toxic: Toxic): boolean {
    let hit = this.affected.get(toxic.name);
    if (hit === undefined) {
      hit = toxic.toxicity >= 1 || Math.random() < toxic.toxicity;
      this.affected.set(toxic.name, hit);
    }
    return hit;
  }

  reset(): void {
    if (!this.client.destroyed) this.client.resetAndDestroy();
    this.close();
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.upstreamDirection.stop();
    this.downstreamDirection.stop();
    if (!this.client.destroyed) this.client.destroy();
    if (!this.upstream.destroyed) this.upstream.destroy();
    this.onClose(this);
  }
}
