import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown by readBody past its limit: the intake answers 413. */
export class BodyTooLargeError extends Error {}

/**
 * The body of a request to one of the edge's internal intakes (traces, alerts), refused past
 * `maxBytes`: those ports are reached by the cluster's own processes only, but a bound keeps a
 * broken sender from taking the edge's memory.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.destroy();
        reject(new BodyTooLargeError(`body over ${maxBytes} bytes`));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A plain-text answer: the senders (an OTLP exporter, Alertmanager) log it, nobody renders it. */
export function answer(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(message);
}
