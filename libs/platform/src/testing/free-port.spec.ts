import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('a free port for a test server', () => {
  it('is outside the ephemeral range outgoing connections draw from, and never handed out twice', async () => {
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(ports.every((port) => port >= 20_000 && port < 32_768)).toBe(true);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
