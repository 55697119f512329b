import { Logger } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, readBody } from '../internal-intake/intake-http';
import { decodeJsonTraces } from './otlp-json.decoder';
import { decodeProtobufTraces } from './otlp-protobuf.decoder';
import type { StoredSpan } from './stored-span';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * An OTLP/HTTP trace intake (`POST /v1/traces`, protobuf or JSON) for the cluster's own
 * services, on a loopback port apart from the public edge: visitors never reach it.
 * A plain Node server rather than a Nest route, so the public app's guards, rate limits and
 * body parsers do not apply to the services' exports, nor the exports to them.
 */
export class OtlpReceiver {
  private readonly logger = new Logger('OtlpReceiver');
  private server?: Server;

  constructor(private readonly accept: (spans: StoredSpan[]) => void) {}

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
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
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/v1/traces') return answer(response, 404, 'not found');
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== 'application/x-protobuf' && type !== 'application/json') {
      return answer(response, 415, 'expected application/x-protobuf or application/json');
    }
    let body: Buffer;
    try {
      body = await readBody(request, MAX_BODY_BYTES);
    } catch {
      return answer(response, 413, `body over ${MAX_BODY_BYTES} bytes`);
    }
    try {
      this.accept(type === 'application/json' ? decodeJsonTraces(JSON.parse(body.toString('utf8'))) : decodeProtobufTraces(body));
    } catch (error) {
      this.logger.warn(`refused an OTLP export: ${error instanceof Error ? error.message.slice(0, 200) : error}`);
      return answer(response, 400, 'not a valid ExportTraceServiceRequest');
    }
    // An empty ExportTraceServiceResponse: zero bytes in protobuf, {} in JSON.
    response.writeHead(200, { 'content-type': type });
    response.end(type === 'application/json' ? '{}' : undefined);
  }
}
