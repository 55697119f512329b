import { AppError } from '@checkout/platform';
import { HttpStatus, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { clientKey } from '../rate-limits/client-key';
import { StreamCounter } from './stream-counter';

/** The keep-alive event the stream sends (see SagaEventsSseController): not activity. */
const HEARTBEAT = /^event: ping\n/;
const RETRY_AFTER_SECONDS = 5;

/**
 * Bounds what event streams can hold on this edge instance: each is a connection kept open,
 * so without a cap one client could hold thousands. Past the per-client or the total cap a new
 * stream gets 429 with `Retry-After`; a stream that has carried nothing but keep-alives for
 * EVENT_STREAM_IDLE_SECONDS is closed (an open tab reconnects by itself and is replayed the
 * history, so closing costs a visitor nothing).
 */
@Injectable()
export class EventStreamLimitsMiddleware implements NestMiddleware {
  private readonly streams: StreamCounter;

  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {
    this.streams = new StreamCounter(config.EVENT_STREAMS_PER_CLIENT, config.EVENT_STREAMS_TOTAL);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const client = clientKey(request);
    if (!this.streams.open(client)) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new AppError('STREAMS.TOO_MANY', 'Too many open event streams; close one or try again shortly', HttpStatus.TOO_MANY_REQUESTS);
    }
    response.once('close', () => this.streams.close(client));
    this.closeWhenIdle(response);
    next();
  }

  private closeWhenIdle(response: Response): void {
    const idleMs = this.config.EVENT_STREAM_IDLE_SECONDS * 1000;
    let timer = setTimeout(close, idleMs);
    let closed = false;
    function close() {
      closed = true;
      response.end();
    }
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    // The stream is piped into the response; after an idle close its last writes are dropped
    // here rather than raised as "write after end".
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (closed) return true;
      if (!HEARTBEAT.test(String(chunk))) {
        clearTimeout(timer);
        timer = setTimeout(close, idleMs);
      }
      return write(chunk, ...rest);
    }) as Response['write'];
    response.once('close', () => clearTimeout(timer));
  }
}
