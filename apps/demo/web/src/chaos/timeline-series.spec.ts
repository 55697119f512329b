import type { TimelineSample } from '../api/chaos-api.types';
import { faultIntervals, laneSegments, servicesIn } from './timeline-series';

const sample = (at: number, up: Record<string, boolean>, completedPerSecond = 5): TimelineSample => ({
  at,
  up,
  completedPerSecond,
  inFlight: 2,
  p95Ms: null,
  failedRequests: 0,
  outbox: {},
  queues: {},
  deadLetters: {},
});

describe('a service killed and restarted, as the timeline shows it', () => {
  const samples = [
    sample(1000, { 'catalog-svc': true }),
    sample(2000, { 'catalog-svc': false }),
    sample(3000, { 'catalog-svc': false }),
    sample(4000, { 'catalog-svc': true }),
  ];

  it('draws an up run, a down run and an up run again', () => {
    expect(laneSegments(samples, 'catalog-svc')).toEqual([
      { up: true, from: 1000, to: 1000 },
      { up: false, from: 2000, to: 3000 },
      { up: true, from: 4000, to: 4000 },
    ]);
  });

  it('counts a service missing from a sample as down', () => {
    expect(laneSegments([sample(1000, {})], 'catalog-svc')).toEqual([{ up: false, from: 1000, to: 1000 }]);
  });

  it('lists each service once, sorted', () => {
    expect(servicesIn([sample(1, { b: true, a: true }), sample(2, { a: false })])).toEqual(['a', 'b']);
  });

  it('shades a fault still on up to now', () => {
    expect(faultIntervals([{ id: 'f', kind: 'kill-service', target: 'catalog-svc', state: 'running', from: '1970-01-01T00:00:02.000Z', to: null }], 5000)).toEqual([[2, 5]]);
  });
});
