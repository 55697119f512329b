import { freePort } from '@checkout/platform/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from './webhook-sender';

/** A receiver that answers each POST as `answer` says, and keeps what it was sent. */
function receiver(answer: (respond: (status: number, headers?: Record<string, string>) => void) => void) {
  const received: { body: string; signature: string | undefined }[] = [];
  const connections = { count: 0 };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ body, signature: request.headers['stripe-signature'] as string | undefined });
      answer((status, headers = {}) => response.writeHead(status, headers).end('ignored'));
    });
  });
  server.on('connection', () => connections.count++);
  return { server, received, connections };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/psp`)));
}

describe('sending one webhook', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((server) => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      }),
    );
  });

  async function start(answer: Parameters<typeof receiver>[0]) {
    const { server, received, connections } = receiver(answer);
    servers.push(server);
    return { url: await listen(server), received, connections };
  }

  it('delivers on a 2xx, with the payload and its signature, over one kept-alive connection', async () => {
    const { url, received, connections } = await start((respond) => respond(200));
    const first = await postWebhook(url, '{"id":"evt_1"}', 't=1,v1=abc', new AbortController().signal);
    const second = await postWebhook(url, '{"id":"evt_2"}', 't=2,v1=def', new AbortController().signal);
    expect([first, second]).toEqual([
      { delivered: true, status: 200, error: null },
      { delivered: true, status: 200, error: null },
    ]);
    expect(received).toEqual([
      { body: '{"id":"evt_1"}', signature: 't=1,v1=abc' },
      { body: '{"id":"evt_2"}', signature: 't=2,v1=def' },
    ]);
    expect(connections.count).toBe(1);
  });

  it('counts any other status as a failure, and follows no redirect', async () => {
    const { url: failing } = await start((respond) => respond(500));
    const { url: moved, received } = await start((respond) => respond(302, { location: failing }));
    expect(await postWebhook(failing, '{}', 'sig', new AbortController().signal)).toEqual({ delivered: false, status: 500, error: 'HTTP 500' });
    expect(await postWebhook(moved, '{}', 'sig', new AbortController().signal)).toEqual({ delivered: false, status: 302, error: 'HTTP 302' });
    expect(received).toHaveLength(1);
  });

  it('reports an endpoint it cannot reach, without throwing', async () => {
    const url = `http://127.0.0.1:${await freePort()}/webhooks/psp`;
    expect(await postWebhook(url, '{}', 'sig', new AbortController().signal)).toEqual({ delivered: false, status: null, error: 'ECONNREFUSED' });
  });

  it('gives up on an endpoint that does not answer when the sender stops', async () => {
    const { url } = await start(() => undefined); // never answers
    const stop = new AbortController();
    const outcome = postWebhook(url, '{}', 'sig', stop.signal);
    setTimeout(() => stop.abort(), 50);
    expect(await outcome).toEqual({ delivered: false, status: null, error: 'the sender is stopping' });
  });
});
