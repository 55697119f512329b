import { Logger } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, BodyTooLargeError, readBody } from '../internal-intake/intake-http';
import { AlertmanagerWebhook, type ReceivedAlert } from './alertmanager-webhook';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Alertmanager's webhook receiver (`POST /alerts`), on a port apart from the public edge:
 * loopback under `npm start`, the compose network in containers, never published. A plain Node
 * server, like the trace intake, so the public app's guards and rate limits do not apply to it.
 */
export class AlertReceiver {
  private readonly logger = new Logger('AlertReceiver');
  private server?: Server;

  constructor(private readonly accept: (alerts: readonly ReceivedAlert[]) => void) {}

  async listen(port: number, host: string): Promise<number> {
    const server = createServer((request, response) => void this.receive(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/alerts') return answer(response, 404, 'not found');
    if ((request.headers['content-type'] ?? '').split(';')[0].trim() !== 'application/json') {
      return answer(response, 415, 'expected application/json');
    }
    let parsed: ReturnType<typeof AlertmanagerWebhook.safeParse>;
    try {
      parsed = AlertmanagerWebhook.safeParse(JSON.parse((await readBody(request, MAX_BODY_BYTES)).toString('utf8')));
    } catch (error) {
      return answer(response, error instanceof BodyTooLargeError ? 413 : 400, error instanceof BodyTooLargeError ? error.message : 'not JSON');
    }
    if (!parsed.success) {
      this.logger.warn(`refused an Alertmanager webhook: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return answer(response, 400, 'not an Alertmanager webhook (version 4)');
    }
    this.accept(parsed.data.alerts);
    answer(response, 200, 'ok');
  }
}
