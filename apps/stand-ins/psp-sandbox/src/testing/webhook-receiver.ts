import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  id: string;
  type: string;
  data: { object: { id: string; metadata: Record<string, string> } & Record<string, unknown> };
}

export interface ReceivedWebhook {
  rawBody: string;
  event: ReceivedEvent;
  signature: string;
  contentType: string;
  receivedAt: number;
  /** What the receiver answered. */
  status: number;
}

/**
 * A webhook endpoint for tests. Records every request and answers 200, or 500 for as many
 * deliveries as `failFirst` asks. Webhooks are told apart by the `checkoutId` in their
 * object's metadata, as payments-svc tells them apart.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly failuresLeft = new Map<string, number>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(createServer((request, response) => {
      void readBody(request).then((rawBody) => {
        response.statusCode = receiver.record(request, rawBody);
        response.end();
      });
    }));
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/psp`;
  }

  failFirst(checkoutId: string, times: number): void {
    this.failuresLeft.set(checkoutId, times);
  }

  for(checkoutId: string): ReceivedWebhook[] {
    return this.received.filter((webhook) => webhook.event.data.object.metadata?.checkoutId === checkoutId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(request: IncomingMessage, rawBody: string): number {
    const event = JSON.parse(rawBody) as ReceivedEvent;
    const checkoutId = event.data.object.metadata?.checkoutId ?? '';
    const failures = this.failuresLeft.get(checkoutId) ?? 0;
    if (failures > 0) this.failuresLeft.set(checkoutId, failures - 1);
    const status = failures > 0 ? 500 : 200;
    this.received.push({
      rawBody,
      event,
      signature: String(request.headers['stripe-signature']),
      contentType: String(request.headers['content-type']),
      receivedAt: Date.now(),
      status,
    });
    return status;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
