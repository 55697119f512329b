import { FaultProxy, type ProxyDefinition, type ProxyView } from './fault-proxy';
import { ProxyError } from './proxy.errors';

/** Every proxy by name: what the HTTP API manages. */
export class ProxyRegistry {
  private readonly proxies = new Map<string, FaultProxy>();

  list(): ProxyView[] {
    return [...this.proxies.values()].map((proxy) => proxy.view());
  }

  get(name: string): FaultProxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw new ProxyError('PROXY.NOT_FOUND', 404, `proxy not found: ${name}`);
    return proxy;
  }

  async create(definition: ProxyDefinition): Promise<FaultProxy> {
    if (this.proxies.has(definition.name)) throw new ProxyError('PROXY.EXISTS', 409, `proxy already exists: ${definition.name}`);
    const proxy = new FaultProxy(definition);
    if (definition.enabled ?? true) await proxy.setEnabled(true);
    this.proxies.set(definition.name, proxy);
    return proxy;
  }

  /** Toxiproxy's populate: creates what is missing, redefines what differs, leaves the rest alone. */
  async populate(definitions: readonly ProxyDefinition[]): Promise<FaultProxy[]> {
    const result: FaultProxy[] = [];
    for (const definition of definitions) {
      const existing = this.proxies.get(definition.name);
      if (!existing) result.push(await this.create(definition));
      else {
        const view = existing.view();
        if (view.upstream !== definition.upstream || !sameListen(view.listen, definition.listen)) await existing.redefine(definition);
        result.push(existing);
      }
    }
    return result;
  }

  async remove(name: string): Promise<void> {
    await this.get(name).close();
    this.proxies.delete(name);
  }

  /** Every proxy enabled, every toxic gone: the state after any fault is reverted. */
  async reset(): Promise<void> {
    for (const proxy of this.proxies.values()) {
      for (const toxic of proxy.view().toxics) proxy.removeToxic(toxic.name);
      await proxy.setEnabled(true);
    }
  }

  async closeAll(): Promise<void> {
    for (const proxy of this.proxies.values()) await proxy.close();
  }
}

/** "127.0.0.1:0" matches whatever port it was given. */
function sameListen(bound: string, wanted: string): boolean {
  return bound === wanted || (wanted.endsWith(':0') && bound.startsWith(wanted.slice(0, -1)));
}
