import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z, ZodError } from 'zod';
import { ProxyError } from '../proxy/proxy.errors';
import { ProxyRegistry } from '../proxy/proxy-registry';
import { parseToxic, updateToxic } from '../proxy/toxic';

/** The Toxiproxy version whose API subset this speaks (reported by GET /version). */
export const TOXIPROXY_API_VERSION = '2.12.0';

const proxyBody = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'name: letters, digits, _ . - only'),
  listen: z.string().min(3),
  upstream: z.string().min(3),
  enabled: z.boolean().optional(),
});
const proxyUpdate = proxyBody.omit({ name: true }).partial();

type Reply = { status: number; body?: unknown };
type Route = (params: string[], body: unknown) => Promise<Reply>;

/**
 * Toxiproxy's HTTP API, the part `toxiproxy-node-client` uses: proxies (create, populate,
 * list, get, update, delete), their toxics (add, get, update, remove), reset and version.
 * Plain node:http: the API is a dozen routes, and it must start before every service.
 */
export function toxiproxyApi(registry: ProxyRegistry): Server {
  const routes: [string, RegExp, Route][] = [
    ['GET', /^\/version$/, async () => ({ status: 200, body: TOXIPROXY_API_VERSION })],
    ['POST', /^\/reset$/, async () => (await registry.reset(), { status: 204 })],
    ['GET', /^\/proxies$/, async () => ({ status: 200, body: Object.fromEntries(registry.list().map((view) => [view.name, view])) })],
    ['POST', /^\/proxies$/, async (_, body) => ({ status: 201, body: (await registry.create(proxyBody.parse(body))).view() })],
    [
      'POST',
      /^\/populate$/,
      async (_, body) => ({ status: 201, body: { proxies: (await registry.populate(z.array(proxyBody).parse(body))).map((p) => p.view()) } }),
    ],
    ['GET', /^\/proxies\/([^/]+)$/, async ([name]) => ({ status: 200, body: registry.get(name).view() })],
    ['POST', /^\/proxies\/([^/]+)$/, updateProxy],
    ['PATCH', /^\/proxies\/([^/]+)$/, updateProxy],
    ['DELETE', /^\/proxies\/([^/]+)$/, async ([name]) => (await registry.remove(name), { status: 204 })],
    ['GET', /^\/proxies\/([^/]+)\/toxics$/, async ([name]) => ({ status: 200, body: registry.get(name).view().toxics })],
    ['POST', /^\/proxies\/([^/]+)\/toxics$/, async ([name], body) => addToxic(name, body)],
    ['GET', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([name, toxic]) => ({ status: 200, body: registry.get(name).toxic(toxic) })],
    ['POST', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([name, toxic], body) => replaceToxic(name, toxic, body)],
    ['PATCH', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([name, toxic], body) => replaceToxic(name, toxic, body)],
    ['DELETE', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([name, toxic]) => (registry.get(name).removeToxic(toxic), { status: 204 })],
  ];

  async function updateProxy([name]: string[], body: unknown): Promise<Reply> {
    const proxy = registry.get(name);
    const change = proxyUpdate.parse(body);
    const view = proxy.view();
    if ((change.listen && change.listen !== view.listen) || (change.upstream && change.upstream !== view.upstream)) {
      await proxy.redefine(change);
    } else if (change.enabled !== undefined) {
      await proxy.setEnabled(change.enabled);
    }
    return { status: 200, body: proxy.view() };
  }

  function addToxic(name: string, body: unknown): Reply {
    const proxy = registry.get(name);
    const toxic = parseToxic(body);
    proxy.addToxic(toxic);
    return { status: 200, body: toxic };
  }

  function replaceToxic(name: string, toxicName: string, body: unknown): Reply {
    const proxy = registry.get(name);
    const toxic = updateToxic(proxy.toxic(toxicName), body);
    proxy.replaceToxic(toxic);
    return { status: 200, body: toxic };
  }

  return createServer((request, response) => {
    void handle(routes, request, response);
  });
}

async function handle(routes: [string, RegExp, Route][], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://fault-proxy').pathname;
  try {
    const match = routes.map(([method, pattern, route]) => ({ method, found: pattern.exec(path), route })).find((r) => r.found && r.method === request.method);
    if (!match?.found) throw new ProxyError('API.NOT_FOUND', 404, `no route: ${request.method} ${path}`);
    const reply = await match.route(match.found.slice(1).map(decodeURIComponent), await readJson(request));
    send(response, reply.status, reply.body);
  } catch (error) {
    if (error instanceof ProxyError) send(response, error.status, { error: error.message, status: error.status });
    else if (error instanceof ZodError || error instanceof SyntaxError) send(response, 400, { error: describe(error), status: 400 });
    else send(response, 500, { error: 'internal error', status: 500 });
  }
}

function describe(error: ZodError | SyntaxError): string {
  return error instanceof ZodError ? error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ') : 'body is not JSON';
}

const MAX_BODY_BYTES = 64 * 1024;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ProxyError('API.BODY_TOO_LARGE', 413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(text);
}
