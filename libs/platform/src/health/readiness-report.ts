import type { CheckOutcome } from './readiness.registry';

export interface CheckResult extends CheckOutcome {
  name: string;
}

type Entries = Record<string, Record<string, unknown>>;

export interface ReadinessReport {
  /** ok: all up; degraded: only dependencies the service can do without are down; error: not ready. */
  status: 'ok' | 'degraded' | 'error';
  info: Entries;
  error: Entries;
  details: Entries;
  /** The dependencies down that the service works without for now (empty unless degraded). */
  degraded: string[];
}

/** Terminus' report (info, error, details per check), plus whether what is down is tolerated. */
export function readinessReport(results: readonly CheckResult[], tolerated: ReadonlySet<string>): ReadinessReport {
  const entry = (result: CheckResult) => [result.name, { status: result.up ? 'up' : 'down', ...result.details }] as const;
  const down = results.filter((result) => !result.up);
  const degraded = down.filter((result) => tolerated.has(result.name)).map((result) => result.name);
  return {
    status: down.length === 0 ? 'ok' : degraded.length === down.length ? 'degraded' : 'error',
    info: Object.fromEntries(results.filter((result) => result.up).map(entry)),
    error: Object.fromEntries(down.map(entry)),
    details: Object.fromEntries(results.map(entry)),
    degraded,
  };
}
