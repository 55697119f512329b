import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { type FSWatcher, mkdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { ACKS_DIR, ackFile, readRoutes, type RouteAck, type RoutedDependency, ROUTES_FILE, type RoutesFile, writeWhole } from './routes-file';

export interface FaultRouteOptions {
  /** The directory of `routes.json` and of `acks/`; unset, routes never change (no agent, or compose). */
  dir?: string;
  service: string;
  /** This process among its service's replicas (its `NODE_APP_INSTANCE`), naming its acknowledgement. */
  instance: string;
  /** This service's listeners on the fault proxy, `host:port`. */
  proxies: Partial<Record<RoutedDependency, string>>;
}

type Move = (address: string | undefined) => Promise<void>;

/**
 * Whether this process reaches Postgres and RabbitMQ directly or through the fault proxy
 * (docs/decisions/0046). At rest every connection is direct: a user-space relay costs CPU on
 * every round trip, and nothing needs it while no fault runs. Before a network fault the chaos
 * agent writes `routes.json`, naming the dependencies a service reaches through its proxy
 * listeners; each process of that service moves its connections there (the database pool by
 * the hand-over a credential rotation uses, the broker by a reconnect), says so in `acks/`,
 * and only then does the agent apply the fault. Reverting moves them back. A process that
 * starts during a fault reads the file first, so it starts where the others are.
 *
 * The file is watched (inotify), not polled: nothing wakes at rest.
 */
@Injectable()
export class FaultRoutes implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('FaultRoutes');
  private readonly movers = new Map<RoutedDependency, Move>();
  private proxied = new Set<RoutedDependency>();
  private version = 0;
  private watcher?: FSWatcher;
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly options: FaultRouteOptions = { service: '', instance: '', proxies: {} }) {
    const routes = this.read();
    if (routes) {
      this.version = routes.version;
      this.proxied = this.wanted(routes);
    }
  }

  /** Where `dependency` is reached now: its proxy listener while routed there, else undefined (its own URL). */
  addressOf(dependency: RoutedDependency): string | undefined {
    return this.proxied.has(dependency) ? this.options.proxies[dependency] : undefined;
  }

  /** `move` re-points `dependency`'s connections (to the proxy's address, or back to undefined) and resolves once they are there. */
  follow(dependency: RoutedDependency, move: Move): void {
    this.movers.set(dependency, move);
  }

  onModuleInit(): void {
    const dir = this.options.dir;
    if (!dir) return;
    mkdirSync(join(dir, ACKS_DIR), { recursive: true });
    this.acknowledge();
    this.watcher = watch(dir, { persistent: false }, (_event, file) => {
      if (file === ROUTES_FILE) this.applying = this.applying.then(() => this.apply());
    });
    this.watcher.on('error', (error) => this.logger.warn(`cannot watch ${ROUTES_FILE}: ${error.message}`));
  }

  onApplicationShutdown(): void {
    this.watcher?.close();
  }

  /** Moves whatever the file now says should be elsewhere, then acknowledges the version. */
  private async apply(): Promise<void> {
    const routes = this.read();
    if (!routes || routes.version === this.version) return;
    const wanted = this.wanted(routes);
    for (const dependency of ['postgres', 'rabbitmq'] as const) {
      const move = this.movers.get(dependency);
      if (!move || wanted.has(dependency) === this.proxied.has(dependency)) continue;
      const address = wanted.has(dependency) ? this.options.proxies[dependency] : undefined;
      try {
        await move(address);
        if (address) this.proxied.add(dependency);
        else this.proxied.delete(dependency);
        this.logger.log(`${dependency} now ${address ? `through the fault proxy (${address})` : 'direct'}`);
      } catch (error) {
        this.logger.warn(`could not move ${dependency} ${address ? 'to the fault proxy' : 'back'}: ${error instanceof Error ? error.message : error}`);
      }
    }
    this.version = routes.version;
    this.acknowledge();
  }

  /** The dependencies routes.json sends through the proxy for this service, among those it has a listener for. */
  private wanted(routes: RoutesFile): Set<RoutedDependency> {
    const named = routes.proxied[this.options.service] ?? [];
    return new Set(named.filter((dependency) => this.options.proxies[dependency] !== undefined));
  }

  private read(): RoutesFile | undefined {
    return this.options.dir ? readRoutes(this.options.dir) : undefined; // none yet: every connection direct
  }

  private acknowledge(): void {
    const dir = this.options.dir as string;
    const file = ackFile(dir, this.options.service, this.options.instance);
    const ack: RouteAck = { version: this.version, proxied: [...this.proxied].sort() };
    try {
      writeWhole(file, ack);
    } catch (error) {
      this.logger.warn(`cannot acknowledge the routes: ${error instanceof Error ? error.message : error}`);
    }
  }
}
