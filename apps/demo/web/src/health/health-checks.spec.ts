import type { ClusterHealth } from '../api/edge-api.types';
import { humanise, readyCount, summariseChecks, unreachable } from './health-checks';

describe('a service card on the health dashboard', () => {
  it('lists the database, broker, outbox and dead letters first, in that order', () => {
    const summary = summariseChecks({
      zeta: { status: 'up' },
      deadLetters: { status: 'up' },
      outbox: { status: 'up', pending: 0, oldestPendingAgeSeconds: null },
      broker: { status: 'up' },
      database: { status: 'up' },
    });
    expect(summary.map((check) => check.label)).toEqual(['Database', 'Broker', 'Outbox', 'Dead letters', 'Zeta']);
  });

  it('shows the outbox backlog and the age of its oldest row, flagging a relay that lags', () => {
    const [outbox] = summariseChecks({ outbox: { status: 'up', pending: 12, oldestPendingAgeSeconds: 75 } });
    expect(outbox.details).toEqual([
      { label: 'Backlog', value: '12 pending', warn: true },
      { label: 'Oldest pending', value: '1 min 15 s', warn: true },
    ]);
  });

  it('shows an empty outbox as calm', () => {
    const [outbox] = summariseChecks({ outbox: { status: 'up', pending: 0, oldestPendingAgeSeconds: null } });
    expect(outbox.details.every((detail) => !detail.warn)).toBe(true);
    expect(outbox.details[1].value).toBe('none pending');
  });

  it('counts dead letters per queue and flags any that wait', () => {
    const [dead] = summariseChecks({ deadLetters: { status: 'up', 'catalog.dlq': 0, 'payments.dlq': 2 } });
    expect(dead.details).toEqual([
      { label: 'catalog.dlq', value: '0', warn: false },
      { label: 'payments.dlq', value: '2', warn: true },
    ]);
  });

  it('shows why a check is down', () => {
    const [database] = summariseChecks({ database: { status: 'down', message: 'connect ECONNREFUSED' } });
    expect(database).toEqual({
      name: 'database',
      label: 'Database',
      status: 'down',
      details: [{ label: 'Message', value: 'connect ECONNREFUSED', warn: false }],
    });
  });

  it('turns detail keys into words', () => {
    expect(humanise('oldestPendingAgeSeconds')).toBe('Oldest pending age seconds');
    expect(humanise('retry_queue')).toBe('Retry queue');
  });
});

describe('the dashboard as a whole', () => {
  const health: ClusterHealth = {
    at: '2025-01-01T12:00:00Z',
    services: [
      { name: 'catalog-svc', ready: true, checks: { database: { status: 'up' } } },
      { name: 'payments-svc', ready: false, checks: { broker: { status: 'down' } } },
    ],
  };

  it('counts the ready services', () => {
    expect(readyCount(health)).toBe('1 of 2 services ready');
  });

  it('shows every service down when the edge stops answering, never the last green state', () => {
    const stale = unreachable(health, 'No answer from bff-web');
    expect(stale?.services.map((service) => service.ready)).toEqual([false, false]);
    expect(stale?.services[0].checks['edge']).toEqual({ status: 'down', message: 'No answer from bff-web' });
  });
});
