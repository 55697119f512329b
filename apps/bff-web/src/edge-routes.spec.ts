import { MODULE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { AppModule } from './app.module';
import { loadBffConfig } from './config';

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
  const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) return [];
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    const paths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
    return bases.flatMap((base) => paths.map((path) => `${method} ${join(base, path)}`));
  });
}

describe('the routes of the public edge', () => {
  const routes = controllersOf(AppModule.forRoot(loadBffConfig({}))).flatMap(routesOf).sort();

  it('are exactly the pages, the demo API and the supervisor’s health checks', () => {
    expect(routes).toEqual(
      [
        'GET /',
        'GET /architecture',
        'GET /health',
        'GET /articles',
        'GET /articles/:slug',
        'GET /source/*path',
        'GET /api/demo/order',
        'POST /api/demo/saga/start',
        'GET /api/demo/saga/:id',
        'GET /api/demo/saga/:id/events',
        'GET /api/demo/saga-definition',
        'GET /api/demo/config',
        'GET /api/demo/health',
        'GET /api/demo/articles',
        'GET /api/demo/articles/:slug',
        'GET /health/live',
        'GET /health/ready',
      ].sort(),
    );
  });

  it('include no operator endpoint and no metrics', () => {
    expect(routes.filter((route) => /\/ops\/|\/metrics/.test(route))).toEqual([]);
  });
});
