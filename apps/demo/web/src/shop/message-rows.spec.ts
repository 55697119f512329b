import type { MessageRow } from '../api/edge-api.types';
import { mergeRows } from './message-rows';

const row = (id: string, at: string, name = id): MessageRow => ({
  id,
  name,
  from: 'checkout-orchestrator',
  to: ['catalog-svc'],
  channel: 'outbox',
  transition: null,
  at: `2025-01-01T12:00:${at}Z`,
  compensation: false,
  sourcePath: null,
  detail: null,
});

describe('rows arriving on the live stream', () => {
  it('are kept in time order even when they arrive out of order', () => {
    const merged = mergeRows([row('b', '00.200')], [row('a', '00.100'), row('c', '00.300')]);
    expect(merged.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('appear once when the history is replayed after a reconnect', () => {
    const first = mergeRows([], [row('a', '00.100'), row('b', '00.200')]);
    const afterReconnect = mergeRows(first, [row('a', '00.100'), row('b', '00.200'), row('c', '00.300')]);
    expect(afterReconnect.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('take the latest copy of a repeated row', () => {
    const merged = mergeRows([row('a', '00.100', 'old')], [row('a', '00.100', 'new')]);
    expect(merged).toHaveLength(1);
    expect(merged[0].name).toBe('new');
  });

  it('keep arrival order for rows with the same timestamp', () => {
    const merged = mergeRows([], [row('y', '00.100'), row('x', '00.100')]);
    expect(merged.map((r) => r.id)).toEqual(['y', 'x']);
  });

  it('leave the rows already shown untouched', () => {
    const current = [row('a', '00.100')];
    mergeRows(current, [row('b', '00.050')]);
    expect(current.map((r) => r.id)).toEqual(['a']);
  });
});
