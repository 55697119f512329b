import { AppError } from '@checkout/platform';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

/**
 * GET /api/chaos/live — the chaos page's live stream: the chaos agent's own (`/live`), passed
 * through byte for byte, one upstream stream per visitor's. The agent counts open streams as
 * visitors: its live load runs while one is open, so closing the page here closes it there.
 * Capped per client like every event stream (EventStreamLimitsMiddleware).
 */
@Controller('api/chaos')
export class ChaosLiveHttpController {
  private readonly agentLive: string;

  constructor(@Inject(BFF_CONFIG) config: BffConfig) {
    this.agentLive = `${config.CHAOS_AGENT_URL.replace(/\/+$/, '')}/live`;
  }

  @Get('live')
  @SkipThrottle()
  async live(@Res() response: Response): Promise<void> {
    const upstream = new AbortController();
    response.once('close', () => upstream.abort());
    const answer = await fetch(this.agentLive, { headers: { accept: 'text/event-stream' }, signal: upstream.signal }).catch(() => undefined);
    if (!answer?.ok || !answer.body) {
      upstream.abort();
      throw new AppError('UPSTREAM.UNAVAILABLE', 'The chaos agent cannot be reached right now', HttpStatus.SERVICE_UNAVAILABLE, undefined, 5);
    }
    response.writeHead(HttpStatus.OK, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    // The agent going away ends the visitor's stream; the browser's EventSource reconnects.
    Readable.fromWeb(answer.body as ReadableStream<Uint8Array>)
      .once('error', () => response.end())
      .pipe(response);
  }
}
