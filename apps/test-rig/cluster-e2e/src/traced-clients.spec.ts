import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';

/**
 * Each traced service names the clients OpenTelemetry patches for it (`startTracing`'s
 * `clients`), since every instrumentation costs each start CPU. One left out would drop that
 * client's spans from every checkout's trace without a word: this reads what each service's
 * code, and the workspace libraries it imports, actually use.
 */
const TRACED = ['product/bff-web', 'product/catalog-svc', 'product/checkout-orchestrator', 'product/payments-svc', 'stand-ins/psp-sandbox'];

/** What in the code means a client is used. Postgres is never patched (a batch's steps carry its spans). */
const USES = {
  redis: /from 'ioredis'/,
  fetch: /\bfetch\(/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });
}

/** The app's own files and those of every workspace library it imports, directly or not. */
function codeOf(app: string): string[] {
  const seen = new Set<string>();
  const texts: string[] = [];
  const visit = (dir: string) => {
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      texts.push(text);
      for (const [, lib] of text.matchAll(/from '@checkout\/([\w-]+)'/g)) {
        if (seen.has(lib)) continue;
        seen.add(lib);
        visit(join(WORKSPACE_ROOT, 'libs', lib, 'src'));
      }
    }
  };
  visit(join(WORKSPACE_ROOT, 'apps', app, 'src'));
  return texts;
}

function declaredClients(app: string): string[] {
  const instrument = readFileSync(join(WORKSPACE_ROOT, 'apps', app, 'src/instrument.ts'), 'utf8');
  const clients = /clients: \[([^\]]*)\]/.exec(instrument)?.[1] ?? '';
  return [...clients.matchAll(/'(\w+)'/g)].map((match) => match[1]).sort();
}

describe('the clients each traced service has OpenTelemetry patch', () => {
  it.each(TRACED)('%s: every client its code uses', (app) => {
    const code = codeOf(app);
    const used = Object.entries(USES)
      .filter(([, pattern]) => code.some((text) => pattern.test(text)))
      .map(([client]) => client);
    used.sort();
    expect(declaredClients(app)).toEqual(used);
  });

  it('reads the code it means to (the edge uses Redis and fetch, catalog neither)', () => {
    expect(declaredClients('product/bff-web')).toEqual(['fetch', 'redis']);
    expect(declaredClients('product/catalog-svc')).toEqual([]);
  });
});
