import type { TraceSpanView } from '../api/edge-api.types';
import { formatDuration, layoutWaterfall } from './trace-waterfall';

const span = (service: string, name: string, start: number, end: number, attributes: TraceSpanView['attributes'] = {}): TraceSpanView => ({
  traceId: 't', spanId: name, parentSpanId: null, name, service, start, end, attributes,
});

describe('the trace waterfall', () => {
  it('puts each service in its lane, in the order a checkout meets them, bars relative to the whole trace', () => {
    const waterfall = layoutWaterfall([
      span('catalog-svc', 'handle StockReservationRequested', 1_050, 1_100, { 'message.type': 'StockReservationRequested' }),
      span('bff-web', 'POST', 1_000, 1_200),
      span('checkout-orchestrator', 'outbox wait StockReservationRequested', 1_010, 1_030, { 'checkout.wait': 'outbox' }),
    ]);
    expect(waterfall.totalMs).toBe(200);
    expect(waterfall.lanes.map((lane) => lane.service)).toEqual(['bff-web', 'checkout-orchestrator', 'catalog-svc']);
    const [catalog] = waterfall.lanes[2].bars;
    expect(catalog).toMatchObject({ leftPct: 25, widthPct: 25, durationMs: 50, wait: null, messageType: 'StockReservationRequested' });
    expect(waterfall.lanes[1].bars[0].wait).toBe('outbox');
  });

  it('is empty for a trace with no spans', () => {
    expect(layoutWaterfall([])).toEqual({ totalMs: 0, lanes: [] });
  });

  it('formats durations for people', () => {
    expect([formatDuration(0.42), formatDuration(12.4), formatDuration(1250)]).toEqual(['0.4 ms', '12 ms', '1.25 s']);
  });
});
