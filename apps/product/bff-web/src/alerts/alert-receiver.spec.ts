import { AlertLog } from './alert-log';
import { AlertReceiver } from './alert-receiver.server';
import type { ReceivedAlert } from './alertmanager-webhook';

/** An alert as Alertmanager posts it; `endsAt` is Alertmanager's "not ended" while firing. */
function alert(fingerprint: string, status: 'firing' | 'resolved', labels: Record<string, string> = {}): ReceivedAlert {
  return {
    status,
    fingerprint,
    labels: { alertname: 'OutboxMessageStuck', severity: 'page', service: 'catalog-svc', ...labels },
    annotations: { summary: 'catalog-svc: its oldest unsent outbox message is 35s old', runbook_url: 'docs/runbooks/outbox-message-stuck.md' },
    startsAt: '2026-12-06T20:00:00Z',
    endsAt: status === 'resolved' ? '2026-12-06T20:05:00Z' : '0001-01-01T00:00:00Z',
  };
}

describe('the operations console’s alert log', () => {
  it('lists a firing alert with its summary, severity, labels and runbook', () => {
    const log = new AlertLog();
    log.record([alert('a', 'firing')], new Date('2026-12-06T20:00:10Z'));

    expect(log.view()).toEqual({
      lastReceivedAt: '2026-12-06T20:00:10.000Z',
      alerts: [
        {
          name: 'OutboxMessageStuck',
          status: 'firing',
          severity: 'page',
          summary: 'catalog-svc: its oldest unsent outbox message is 35s old',
          labels: { service: 'catalog-svc' },
          runbookUrl: 'docs/runbooks/outbox-message-stuck.md',
          startsAt: '2026-12-06T20:00:00Z',
          endsAt: null,
        },
      ],
    });
  });

  it('turns an alert into a resolved one when Alertmanager says it resolved, keeping it listed', () => {
    const log = new AlertLog();
    log.record([alert('a', 'firing')]);
    log.record([alert('a', 'resolved')]);

    expect(log.view().alerts).toEqual([expect.objectContaining({ status: 'resolved', endsAt: '2026-12-06T20:05:00Z' })]);
  });

  it('lists what fires before what resolved, newest news first', () => {
    const log = new AlertLog();
    log.record([alert('old-firing', 'firing', { service: 'a' })]);
    log.record([alert('resolved', 'resolved', { service: 'b' })]);
    log.record([alert('new-firing', 'firing', { service: 'c' })]);

    expect(log.view().alerts.map((a) => a.labels.service)).toEqual(['c', 'a', 'b']);
  });

  it('forgets the longest-resolved alerts past its bound, never a firing one', () => {
    const log = new AlertLog(2);
    log.record([alert('firing', 'firing', { service: 'f' })]);
    log.record([alert('r1', 'resolved', { service: 'r1' })]);
    log.record([alert('r2', 'resolved', { service: 'r2' })]);
    log.record([alert('r3', 'resolved', { service: 'r3' })]);

    expect(log.view().alerts.map((a) => a.labels.service)).toEqual(['f', 'r3']);
  });

  it('says it has heard nothing before Alertmanager first posts', () => {
    expect(new AlertLog().view()).toEqual({ lastReceivedAt: null, alerts: [] });
  });
});

describe("the edge's Alertmanager webhook receiver", () => {
  let log: AlertLog;
  let receiver: AlertReceiver;
  let url: string;

  beforeEach(async () => {
    log = new AlertLog();
    receiver = new AlertReceiver((alerts) => log.record(alerts));
    url = `http://127.0.0.1:${await receiver.listen(0, '127.0.0.1')}/alerts`;
  });

  afterEach(() => receiver.close());

  const post = (body: string, type = 'application/json') => fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  it('records the alerts of a version 4 webhook', async () => {
    const response = await post(JSON.stringify({ version: '4', status: 'firing', receiver: 'operations-console', alerts: [alert('a', 'firing')] }));

    expect(response.status).toBe(200);
    expect(log.view().alerts).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'alerts!', 'application/json', 400],
    ['another payload version', JSON.stringify({ version: '3', alerts: [] }), 'application/json', 400],
    ['an alert without a name', JSON.stringify({ version: '4', alerts: [{ ...alert('a', 'firing'), labels: {} }] }), 'application/json', 400],
    ['a form', 'version=4', 'application/x-www-form-urlencoded', 415],
  ])('refuses %s and records nothing', async (_, body, type, status) => {
    const response = await post(body, type);

    expect(response.status).toBe(status);
    expect(log.view()).toEqual({ lastReceivedAt: null, alerts: [] });
  });

  it('answers 404 anywhere but POST /alerts', async () => {
    expect((await fetch(url.replace('/alerts', '/v1/traces'), { method: 'POST' })).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });
});
