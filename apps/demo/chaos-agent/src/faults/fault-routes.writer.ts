import { readAck, readRoutes, type RoutedDependency, type RoutesFile, writeRoutes } from '@checkout/platform';

const WAIT_MS = 20_000;
const POLL_MS = 100;

/** How many processes of the services moved, of how many: the fault's evidence. */
export interface Moved {
  moved: number;
  of: number;
}

/**
 * The agent's half of the fault routes (docs/decisions/0046; the services' half is
 * `FaultRoutes`): it writes which services reach a dependency through the fault proxy, then
 * waits until every process of those services has acknowledged that it moved. A network fault
 * routes its targets before it cuts or slows the proxy, and routes them back after reverting,
 * so at rest no connection passes through the proxy.
 *
 * Without a directory (compose, where the services' URLs name Toxiproxy itself) there is
 * nothing to move: every connection already passes through the proxy.
 */
export class FaultRoutesWriter {
  constructor(
    private readonly dir: string | undefined,
    /** How many processes of `service` run (its pm2 instances): whose acknowledgements to wait for. */
    private readonly processesOf: (service: string) => Promise<number>,
    /** How long to wait for them; past it the fault goes ahead, and its evidence says how many moved. */
    private readonly waitMs = WAIT_MS,
  ) {}

  /** Sends (or brings back, `proxied` false) `services`' connections to `dependency`, and waits until they are there. */
  async route(services: readonly string[], dependency: RoutedDependency, proxied: boolean): Promise<Moved> {
    if (!this.dir) return { moved: 0, of: 0 };
    const routes = readRoutes(this.dir) ?? { version: 0, proxied: {} };
    const next: RoutesFile = { version: routes.version + 1, proxied: { ...routes.proxied } };
    for (const service of services) {
      const others = (next.proxied[service] ?? []).filter((named) => named !== dependency);
      next.proxied[service] = proxied ? [...others, dependency] : others;
    }
    writeRoutes(this.dir, next);
    return this.waitForAcks(services, dependency, proxied, next.version);
  }

  private async waitForAcks(services: readonly string[], dependency: RoutedDependency, proxied: boolean, version: number): Promise<Moved> {
    const expected = await Promise.all(services.map(async (service) => ({ service, processes: await this.processesOf(service) })));
    const of = expected.reduce((sum, { processes }) => sum + processes, 0);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      let moved = 0;
      for (const { service, processes } of expected) {
        for (let instance = 0; instance < processes; instance++) {
          const ack = readAck(this.dir as string, service, String(instance));
          if (ack && ack.version >= version && ack.proxied.includes(dependency) === proxied) moved++;
        }
      }
      if (moved === of || Date.now() > deadline) return { moved, of };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
