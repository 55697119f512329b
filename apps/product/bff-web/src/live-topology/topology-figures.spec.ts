import { liveTopologyView, type FigureSamples } from './topology-figures';

const sample = (service: string, value: string) => ({ metric: { service }, value: [1700000000, value] as const });
const AT = new Date('2026-01-01T12:00:00Z');
const READINESS = [
  { name: 'catalog-svc', ready: true },
  { name: 'psp-sandbox', ready: true },
  { name: 'payments-svc', ready: false },
];

describe('the live topology, shaped from probes and Prometheus', () => {
  const figures: FigureSamples = {
    replicas: [sample('catalog-svc', '2'), sample('psp-sandbox', '1')],
    requestsPerSecond: [sample('catalog-svc', '0.5'), sample('psp-sandbox', '1.25')],
    publishedPerSecond: [sample('catalog-svc', '3')],
    consumedPerSecond: [sample('catalog-svc', 'NaN')],
  };

  it("gives each probed service its readiness, its replicas and its rates as numbers", () => {
    const view = liveTopologyView(READINESS, figures, AT);
    expect(view.at).toBe('2026-01-01T12:00:00.000Z');
    expect(view.metrics).toBe(true);
    expect(view.services[0]).toEqual({
      name: 'catalog-svc',
      ready: true,
      replicas: 2,
      requestsPerSecond: 0.5,
      publishedPerSecond: 3,
      consumedPerSecond: null,
    });
  });

  it('counts no replicas for a service Prometheus has none of, and leaves rates it has no series for unknown', () => {
    const [, psp, payments] = liveTopologyView(READINESS, figures, AT).services;
    expect(psp).toMatchObject({ replicas: 1, requestsPerSecond: 1.25, publishedPerSecond: null, consumedPerSecond: null });
    expect(payments).toEqual({
      name: 'payments-svc',
      ready: false,
      replicas: 0,
      requestsPerSecond: null,
      publishedPerSecond: null,
      consumedPerSecond: null,
    });
  });

  it('keeps the readiness and says the figures are unavailable when Prometheus could not be read', () => {
    const view = liveTopologyView(READINESS, null, AT);
    expect(view.metrics).toBe(false);
    expect(view.services.map(({ name, ready, replicas }) => [name, ready, replicas])).toEqual([
      ['catalog-svc', true, null],
      ['psp-sandbox', true, null],
      ['payments-svc', false, null],
    ]);
  });
});
