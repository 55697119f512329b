import { readinessReport } from './readiness-report';
import { DEGRADED_WHEN_DOWN } from './readiness.registry';

const up = (name: string, details = {}) => ({ name, up: true, details });
const down = (name: string, details = {}) => ({ name, up: false, details });

describe('a readiness report', () => {
  it('is ok when every dependency answers', () => {
    const report = readinessReport([up('database', { latencyMs: 1 }), up('broker')], DEGRADED_WHEN_DOWN);

    expect(report).toEqual({
      status: 'ok',
      info: { database: { status: 'up', latencyMs: 1 }, broker: { status: 'up' } },
      error: {},
      details: { database: { status: 'up', latencyMs: 1 }, broker: { status: 'up' } },
      degraded: [],
    });
  });

  it('stays ready, degraded, while the broker is away and the outbox holds the work', () => {
    const report = readinessReport(
      [up('database'), down('broker', { reason: 'disconnected' }), down('deadLetters', { reason: 'unreachable' }), down('outbox', { pending: 40 })],
      DEGRADED_WHEN_DOWN,
    );

    expect(report.status).toBe('degraded');
    expect(report.degraded).toEqual(['broker', 'deadLetters', 'outbox']);
    expect(report.error['broker']).toEqual({ status: 'down', reason: 'disconnected' });
  });

  it('is not ready when the database is down, broker or not', () => {
    expect(readinessReport([down('database'), up('broker')], DEGRADED_WHEN_DOWN).status).toBe('error');
    expect(readinessReport([down('database'), down('broker')], DEGRADED_WHEN_DOWN).status).toBe('error');
  });

  it('is not ready while the process drains or its login lease has ended', () => {
    expect(readinessReport([up('database'), down('lifecycle')], DEGRADED_WHEN_DOWN).status).toBe('error');
    expect(readinessReport([up('database'), down('vault')], DEGRADED_WHEN_DOWN).status).toBe('error');
  });
});
