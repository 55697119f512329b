import type { LiveServiceView, LiveTopologyView } from '@checkout/contracts/views';
import { formatRate, linkFigure, nodeFigure } from './live-figures';

const service = (name: string, figures: Partial<LiveServiceView> = {}): LiveServiceView => ({
  name,
  ready: true,
  replicas: 1,
  requestsPerSecond: null,
  publishedPerSecond: null,
  consumedPerSecond: null,
  ...figures,
});
const view = (services: LiveServiceView[], metrics = true): LiveTopologyView => ({ at: '2026-01-01T12:00:00.000Z', metrics, services });

describe('a service box on the live diagram', () => {
  it('says ready and how many replicas run', () => {
    expect(nodeFigure(view([service('catalog-svc', { replicas: 2 })]), 'catalog-svc')).toEqual({ ready: true, replicas: 2, text: 'ready · 2 replicas' });
    expect(nodeFigure(view([service('catalog-svc')]), 'catalog-svc').text).toBe('ready · 1 replica');
  });

  it('says not ready, and leaves the replicas out when Prometheus could not be read', () => {
    expect(nodeFigure(view([service('payments-svc', { ready: false, replicas: null })], false), 'payments-svc')).toEqual({
      ready: false,
      replicas: null,
      text: 'not ready',
    });
  });

  it('shows nothing before the first answer', () => {
    expect(nodeFigure(null, 'bff-web')).toEqual({ ready: null, replicas: null, text: '' });
  });
});

describe('an arrow on the live diagram', () => {
  const cluster = view([
    service('bff-web', { requestsPerSecond: 12.4, consumedPerSecond: 0.5 }),
    service('checkout-orchestrator', { publishedPerSecond: 2, consumedPerSecond: 1.96 }),
    service('catalog-svc', { publishedPerSecond: 1 }),
    service('psp-sandbox'),
  ]);

  it('counts the requests the service at its head served', () => {
    expect(linkFigure(cluster, { count: 'requests', of: 'bff-web' })).toEqual({ perSecond: 12.4, text: '12 req/s' });
  });

  it("shows a service's messages up to the broker and down from it", () => {
    expect(linkFigure(cluster, { count: 'messages', of: 'checkout-orchestrator' })).toEqual({ perSecond: 3.96, text: '↑ 2.0 ↓ 2.0 msg/s' });
    expect(linkFigure(cluster, { count: 'messages', of: 'catalog-svc' })).toEqual({ perSecond: 1, text: '↑ 1.0 ↓ – msg/s' });
  });

  it('counts on the bridge queue what the edge read from it, not everything published', () => {
    expect(linkFigure(cluster, { count: 'bridged' })).toEqual({ perSecond: 0.5, text: '0.5 msg/s' });
  });

  it('has a dash for a rate nobody measured, and no label at all without Prometheus', () => {
    expect(linkFigure(cluster, { count: 'requests', of: 'psp-sandbox' })).toEqual({ perSecond: null, text: '– req/s' });
    expect(linkFigure(view([service('bff-web')], false), { count: 'requests', of: 'bff-web' })).toBeNull();
  });

  it('rounds rates for a glance', () => {
    expect([0, 0.04, 0.05, 9.96, 10.4, 1234.5].map(formatRate)).toEqual(['0', '0', '0.1', '10.0', '10', '1235']);
  });
});
