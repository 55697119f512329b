import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Toxiproxy, type ICreateToxicBody, type Latency, type Timeout } from 'toxiproxy-node-client';
import { ProxyRegistry } from '../proxy/proxy-registry';
import { toxiproxyApi } from './toxiproxy.http';

/** An upstream that echoes every byte back: whatever the proxy does shows in the round trip. */
async function echoServer(): Promise<Server> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const latency = (name: string, ms: number): ICreateToxicBody<Latency> => ({
  name,
  type: 'latency',
  stream: 'downstream',
  toxicity: 1,
  attributes: { latency: ms, jitter: 0 },
});

const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `text` and resolves with the echo and how long it took, or rejects on a socket error. */
function roundTrip(socket: Socket, text: string): Promise<{ echo: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString();
      if (received.length < text.length) return;
      socket.off('data', onData);
      resolve({ echo: received, ms: Date.now() - started });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(text);
  });
}

describe('the fault proxy, driven by the official toxiproxy-node-client', () => {
  let upstream: Server;
  let api: ReturnType<typeof toxiproxyApi>;
  let registry: ProxyRegistry;
  let toxiproxy: Toxiproxy;
  const open: Socket[] = [];

  beforeEach(async () => {
    upstream = await echoServer();
    registry = new ProxyRegistry();
    api = toxiproxyApi(registry);
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    toxiproxy = new Toxiproxy(`http://127.0.0.1:${portOf(api)}`);
  });

  afterEach(async () => {
    for (const socket of open.splice(0)) socket.destroy();
    await registry.closeAll();
    await new Promise((resolve) => api.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  async function proxied() {
    const proxy = await toxiproxy.createProxy({ name: 'catalog-svc_postgres', listen: '127.0.0.1:0', upstream: `127.0.0.1:${portOf(upstream)}` });
    const port = Number(proxy.listen.split(':').pop());
    return { proxy, port };
  }

  async function client(port: number): Promise<Socket> {
    const socket = await connect(port);
    open.push(socket);
    return socket;
  }

  it('forwards bytes untouched while no toxic is set', async () => {
    const { port } = await proxied();
    const socket = await client(port);
    await expect(roundTrip(socket, 'hello')).resolves.toMatchObject({ echo: 'hello' });
  });

  it('adds latency to a connection already open, and takes it away again', async () => {
    const { proxy, port } = await proxied();
    const socket = await client(port);
    await roundTrip(socket, 'warm');

    const toxic = await proxy.addToxic(latency('slow', 300));
    const slow = await roundTrip(socket, 'slow');
    await toxic.remove();
    const fast = await roundTrip(socket, 'fast');

    expect(slow).toMatchObject({ echo: 'slow' });
    expect(slow.ms).toBeGreaterThanOrEqual(290);
    expect(fast.ms).toBeLessThan(150);
  });

  it('holds data under a timeout toxic and delivers it, in order, once the toxic is removed', async () => {
    const { proxy, port } = await proxied();
    const socket = await client(port);
    const toxic = await proxy.addToxic<Timeout>({ name: 'cut', type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } });

    const answer = roundTrip(socket, 'held');
    let arrived = false;
    void answer.then(() => (arrived = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(arrived).toBe(false);

    await toxic.remove();
    await expect(answer).resolves.toMatchObject({ echo: 'held' });
  });

  it('resets the connection under reset_peer', async () => {
    const { proxy, port } = await proxied();
    const socket = await client(port);
    const closed = new Promise<string>((resolve) => socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? '')));

    await proxy.addToxic<Timeout>({ name: 'reset', type: 'reset_peer', stream: 'downstream', toxicity: 1, attributes: { timeout: 0 } });

    await expect(closed).resolves.toBe('ECONNRESET');
  });

  it('refuses connections while disabled and accepts them again once enabled', async () => {
    const { proxy, port } = await proxied();
    const socket = await client(port);
    const dropped = new Promise((resolve) => socket.once('close', resolve));

    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    await dropped;
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    await expect(roundTrip(await client(port), 'back')).resolves.toMatchObject({ echo: 'back' });
  });

  it('lists, gets and deletes proxies, and reset clears every toxic and re-enables', async () => {
    const { proxy } = await proxied();
    await proxy.addToxic(latency('slow', 10));
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });

    await toxiproxy.reset();
    const after = await toxiproxy.get(proxy.name);
    expect(after.enabled).toBe(true);
    expect((await toxiproxy.getAll())[proxy.name]).toBeDefined();

    await after.remove();
    expect(Object.keys(await toxiproxy.getAll())).toEqual([]);
    await expect(toxiproxy.get(proxy.name)).rejects.toThrow(/404/);
  });

  it('answers 400 for an unknown toxic type and 409 for a duplicate proxy or toxic', async () => {
    const { proxy } = await proxied();
    const base = `http://127.0.0.1:${portOf(api)}`;
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((response) => response.status);

    expect(await post(`/proxies/${proxy.name}/toxics`, { type: 'slow_close', attributes: {} })).toBe(400);
    expect(await post('/proxies', { name: proxy.name, listen: '127.0.0.1:0', upstream: proxy.upstream })).toBe(409);
    expect(await post(`/proxies/${proxy.name}/toxics`, { name: 'slow', type: 'latency', attributes: { latency: 5 } })).toBe(200);
    expect(await post(`/proxies/${proxy.name}/toxics`, { name: 'slow', type: 'latency', attributes: { latency: 5 } })).toBe(409);
  });
});
