import { GUARDS_METADATA, MODULE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { AppModule } from './app.module';
import { loadBffConfig } from './config';
import { OperatorTokenGuard } from './ops-console/operator-token.guard';

type ModuleRef = Type<unknown> | DynamicModule;

/** Every controller the edge's module tree declares, imported modules included. */
function controllersOf(root: ModuleRef, seen = new Set<unknown>()): Type<unknown>[] {
  const dynamic = 'module' in root ? root : undefined;
  const type = dynamic ? dynamic.module : (root as Type<unknown>);
  if (seen.has(root)) return [];
  seen.add(root);
  const declared = (key: string) => (Reflect.getMetadata(key, type) ?? []) as unknown[];
  const controllers = [...declared(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])] as Type<unknown>[];
  const imports = [...declared(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])].filter(
    (entry): entry is ModuleRef => typeof entry === 'function' || (typeof entry === 'object' && entry !== null && 'module' in entry),
  );
  return [...controllers, ...imports.flatMap((entry) => controllersOf(entry, seen))];
}

/** "GET /api/demo/saga/:id" for each handler, as Nest will route it. */
function routesOf(controller: Type<unknown>): string[] {
  return handlersOf(controller).map(({ route }) => route);
}

/** Each route with the guards its handler declares (the global ones apply to all). */
function handlersOf(controller: Type<unknown>): { route: string; guards: unknown[] }[] {
  const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) return [];
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    const paths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
    const guards = [...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[]), ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[])];
    return bases.flatMap((base) => paths.map((path) => ({ route: `${method} ${join(base, path)}`, guards })));
  });
}

describe('the routes of the public edge', () => {
  const controllers = controllersOf(AppModule.forRoot(loadBffConfig({})));
  const routes = controllers.flatMap(routesOf).sort();

  it('are exactly the pages, the demo, chaos, plot and console APIs and the supervisor’s health checks', () => {
    expect(routes).toEqual(
      [
        'GET /',
        'GET /architecture',
        'GET /health',
        'GET /ops',
        'GET /articles',
        'GET /articles/:slug',
        'GET /source/*path',
        'GET /api/demo/order',
        'POST /api/demo/saga/start',
        'GET /api/demo/saga/:id',
        'GET /api/demo/saga/:id/events',
        'GET /api/demo/saga/:id/trace',
        'GET /api/demo/saga-definition',
        'GET /api/demo/config',
        'GET /api/demo/health',
        'GET /api/demo/topology',
        'GET /api/demo/articles',
        'GET /api/demo/articles/:slug',
        // The operations console: reads for anyone, actions behind the operator token (0022).
        'GET /api/ops/alerts',
        'GET /api/ops/checkouts',
        'POST /api/ops/checkouts/:id/resume',
        'GET /api/ops/dead-letters',
        'POST /api/ops/dead-letters/:service/replay',
        'GET /api/ops/operator',
        // The chaos page, in front of the loopback-only chaos agent (0015).
        'GET /api/chaos/budget',
        'GET /api/chaos/experiments',
        'POST /api/chaos/experiments',
        'GET /api/chaos/experiments/:id',
        'POST /api/chaos/halt',
        'GET /api/chaos/timeline',
        // The chaos page's live stream: while one is open, the agent runs its live load (0036).
        'GET /api/chaos/live',
        'GET /api/invariants',
        'GET /chaos',
        // Named plots from Prometheus: the edge holds the PromQL (0019).
        'GET /api/metrics/series/:name',
        // The health page's secrets panel: login names and times, never a secret.
        'GET /api/secrets',
        'GET /health/live',
        'GET /health/ready',
      ].sort(),
    );
  });

  it('include none of the services’ own operator endpoints and no metrics', () => {
    expect(routes.filter((route) => /^\w+ \/ops\/|^\w+ \/metrics$/.test(route))).toEqual([]);
  });

  it('let nothing on the console change state without the operator token', () => {
    const unguarded = controllers
      .flatMap(handlersOf)
      .filter(({ route, guards }) => /^(?!GET )\w+ \/api\/ops\//.test(route) && !guards.includes(OperatorTokenGuard))
      .map(({ route }) => route);
    expect(unguarded).toEqual([]);
    const checked = controllers.flatMap(handlersOf).find(({ route }) => route === 'GET /api/ops/operator');
    expect(checked?.guards).toContain(OperatorTokenGuard);
  });
});
