import type { ClusterHealth, HealthCheck, ServiceHealth } from '../api/edge-api.types';
import { formatSeconds } from '../format/time';

export interface CheckDetail {
  readonly label: string;
  readonly value: string;
  /** Worth a second look: a dead letter waiting, a backlog that is not draining. */
  readonly warn: boolean;
}

export interface CheckSummary {
  readonly name: string;
  readonly label: string;
  readonly status: 'up' | 'down';
  readonly details: readonly CheckDetail[];
}

/** The usual checks first, in the order a request depends on them; anything else after. */
const ORDER = ['database', 'broker', 'redis', 'outbox', 'deadLetters'];
const LABELS: Readonly<Record<string, string>> = {
  database: 'Database',
  broker: 'Broker',
  redis: 'Redis',
  outbox: 'Outbox',
  deadLetters: 'Dead letters',
};

export function summariseChecks(checks: ServiceHealth['checks']): CheckSummary[] {
  const rank = (name: string): number => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return Object.entries(checks)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([name, check]) => ({
      name,
      label: LABELS[name] ?? humanise(name),
      status: check.status === 'up' ? 'up' : 'down',
      details: detailsOf(name, check),
    }));
}

function detailsOf(name: string, check: HealthCheck): CheckDetail[] {
  const entries = Object.entries(check).filter(([key]) => key !== 'status');
  if (name === 'outbox') {
    return entries.map(([key, value]) => outboxDetail(key, value));
  }
  if (name === 'deadLetters') {
    return entries.map(([queue, count]) => ({ label: queue, value: show(count), warn: typeof count === 'number' && count > 0 }));
  }
  return entries.map(([key, value]) => ({ label: humanise(key), value: show(value), warn: false }));
}

function outboxDetail(key: string, value: unknown): CheckDetail {
  if (key === 'pending') {
    return { label: 'Backlog', value: `${show(value)} pending`, warn: typeof value === 'number' && value > 0 };
  }
  if (key === 'oldestPendingAgeSeconds') {
    const age = typeof value === 'number' ? formatSeconds(value) : 'none pending';
    // A row waiting more than a few seconds means the relay is not keeping up (or is paused).
    return { label: 'Oldest pending', value: age, warn: typeof value === 'number' && value > 5 };
  }
  return { label: humanise(key), value: show(value), warn: false };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** "oldestPendingAgeSeconds" → "Oldest pending age seconds". */
export function humanise(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function readyCount(health: ClusterHealth): string {
  const ready = health.services.filter((service) => service.ready).length;
  return `${ready} of ${health.services.length} services ready`;
}

/**
 * When the edge itself does not answer, every service it knew about is shown as down rather
 * than left green from the last good answer: the dashboard must never look healthier than it is.
 */
export function unreachable(last: ClusterHealth | null, reason: string): ClusterHealth | null {
  if (last === null) return null;
  return {
    at: last.at,
    services: last.services.map((service) => ({
      ...service,
      ready: false,
      checks: { edge: { status: 'down', message: reason } },
    })),
  };
}
