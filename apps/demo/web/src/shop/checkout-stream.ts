import { checkoutEventsUrl } from '../api/edge-api';
import { isCheckoutView, isMessageRow, parseFrame } from '../api/edge-api.guards';
import type { CheckoutView, MessageRow } from '../api/edge-api.types';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StreamHandlers {
  readonly onRow: (row: MessageRow) => void;
  readonly onState: (view: CheckoutView) => void;
  readonly onStatus: (status: StreamStatus) => void;
}

export interface CheckoutStream {
  close(): void;
}

/**
 * Follows one checkout's Server-Sent Events. EventSource reconnects by itself after a network
 * blip, and the server replays the history on every connect, so nothing is missed (the caller
 * de-duplicates). It also reconnects after the server ends the stream on purpose, so the
 * caller closes it once the checkout is over.
 */
export function openCheckoutStream(checkoutId: string, handlers: StreamHandlers): CheckoutStream {
  const source = new EventSource(checkoutEventsUrl(checkoutId));
  handlers.onStatus('connecting');
  source.addEventListener('open', () => handlers.onStatus('open'));
  source.addEventListener('row', (event) => {
    const row = parseFrame(dataOf(event), isMessageRow);
    if (row) handlers.onRow(row);
  });
  source.addEventListener('state', (event) => {
    const view = parseFrame(dataOf(event), isCheckoutView);
    if (view) handlers.onState(view);
  });
  source.addEventListener('error', () => {
    // CLOSED: the browser gave up (an HTTP error, not an event stream); CONNECTING: it retries.
    handlers.onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  });
  return { close: () => source.close() };
}

function dataOf(event: Event): string {
  return event instanceof MessageEvent && typeof event.data === 'string' ? event.data : '';
}
