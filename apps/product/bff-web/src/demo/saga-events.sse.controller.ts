import { validate } from '@checkout/platform';
import { Controller, MessageEvent, Param, Sse } from '@nestjs/common';
import { Observable } from 'rxjs';
import { z } from 'zod';
import type { MessageRow } from '../bridge/message-row';
import { RowStore } from '../bridge/row-store';
import { DemoService } from './demo.service';

const CheckoutId = z.uuid({ error: 'expected a checkout id (UUID)' });
const STATE_DEBOUNCE_MS = 200;
const HEARTBEAT_MS = 15_000;
const MAX_STREAM_MS = 10 * 60_000;

/**
 * GET /api/demo/saga/:id/events — one checkout's messages as Server-Sent Events: first the
 * history, then live rows, with no gap between them (live rows are buffered while the history
 * is read, then de-duplicated by id). `state` events carry the checkout's view as it changes.
 */
@Controller('api/demo/saga')
export class SagaEventsSseController {
  constructor(
    private readonly rows: RowStore,
    private readonly demo: DemoService,
  ) {}

  // Opening a stream counts against the client's general limit like any request (a reconnecting
  // tab costs one each time); how many it may hold open is EventStreamLimitsMiddleware's.
  @Sse(':id/events')
  async events(@Param('id') id: string): Promise<Observable<MessageEvent>> {
    const checkoutId = validate(CheckoutId, id, 'path parameter id');
    await this.demo.checkout(checkoutId); // 404 before the stream opens, for an unknown id
    return new Observable<MessageEvent>((subscriber) => {
      const sent = new Set<string>();
      const buffered: MessageRow[] = [];
      let live = false;
      let lastState = '';
      let stateTimer: NodeJS.Timeout | undefined;

      const pushState = () => {
        clearTimeout(stateTimer);
        stateTimer = setTimeout(async () => {
          const view = await this.demo.checkout(checkoutId).catch(() => undefined);
          const json = JSON.stringify(view);
          if (view && json !== lastState) {
            lastState = json;
            subscriber.next({ type: 'state', data: view });
          }
        }, STATE_DEBOUNCE_MS);
      };
      const emit = (row: MessageRow) => {
        if (sent.has(row.id)) return;
        sent.add(row.id);
        subscriber.next({ type: 'row', id: row.id, data: row });
        pushState();
      };

      const stopListening = this.rows.listen(checkoutId, (row) => (live ? emit(row) : buffered.push(row)));
      this.rows
        .history(checkoutId)
        .then((history) => {
          history.forEach(emit);
          buffered.splice(0).forEach(emit);
          live = true;
          pushState();
        })
        .catch(() => subscriber.error(new Error('history unavailable')));

      const heartbeat = setInterval(() => subscriber.next({ type: 'ping', data: '' }), HEARTBEAT_MS);
      const lifetime = setTimeout(() => subscriber.complete(), MAX_STREAM_MS);
      return () => {
        stopListening();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        clearTimeout(stateTimer);
      };
    });
  }
}
