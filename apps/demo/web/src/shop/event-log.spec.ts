import type { CheckoutView } from '../api/edge-api.types';
import { historyEntries, mergeLog, type LogEntry } from './event-log';

const view = (history: CheckoutView['history']): CheckoutView => ({
  checkoutId: 'c-1',
  state: history.at(-1)?.to ?? 'Initiated',
  final: false,
  items: [{ sku: 'DEMO-WIDGET', qty: 1 }],
  total: 3999,
  currency: 'GBP',
  reason: null,
  refunded: false,
  history,
});

const reserved = { from: 'Initiated', to: 'StockReserved', event: 'StockReserved', messageId: 'm-1', compensation: false, at: '2025-01-01T12:00:00.100Z' };
const declined = { from: 'AwaitingPayment', to: 'Compensating', event: 'PaymentFailed', messageId: 'm-3', compensation: true, at: '2025-01-01T12:00:00.400Z' };
const refunded = { from: 'Cancelled', to: 'Cancelled', event: 'PaymentRefunded', messageId: 'm-9', compensation: true, at: '2025-01-01T12:00:09.000Z' };

describe('the events log of a checkout', () => {
  it('lists each step of the saga with the transition it made', () => {
    expect(historyEntries(view([reserved]))).toEqual([
      expect.objectContaining({ event: 'StockReserved', status: 'Initiated → StockReserved', tone: 'normal' }),
    ]);
  });

  it('marks compensating steps and says when a state was kept', () => {
    const [compensating, bookkeeping] = historyEntries(view([declined, refunded]));
    expect(compensating.tone).toBe('compensation');
    expect(bookkeeping.status).toBe('stays Cancelled');
  });

  it('shows each step once although every state update repeats the whole history', () => {
    const once = mergeLog([], historyEntries(view([reserved])));
    const twice = mergeLog(once, historyEntries(view([reserved, declined])));
    expect(twice.map((entry) => entry.event)).toEqual(['StockReserved', 'PaymentFailed']);
  });

  it('interleaves what the browser did with the saga steps by time', () => {
    const pressed: LogEntry = { key: 'local-1', at: '2025-01-01T12:00:00.000Z', event: 'Pay pressed', status: 'sent', tone: 'normal' };
    const merged = mergeLog(historyEntries(view([reserved])), [pressed]);
    expect(merged.map((entry) => entry.event)).toEqual(['Pay pressed', 'StockReserved']);
  });
});
