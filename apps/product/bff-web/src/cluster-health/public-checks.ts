export type PublicChecks = Record<string, Record<string, string | number | boolean>>;

/**
 * What a visitor is shown of one service's readiness report: each check's status and its
 * counts (backlog, age, dead letters, latency). Text other than the status is dropped: a
 * dependency's failure reason can carry host names, ports or driver messages.
 */
export function publicChecks(details: unknown): PublicChecks {
  if (!isRecord(details)) return {};
  const checks: PublicChecks = {};
  for (const [name, check] of Object.entries(details)) {
    if (!isRecord(check)) continue;
    const shown: Record<string, string | number | boolean> = { status: check['status'] === 'up' ? 'up' : 'down' };
    for (const [key, value] of Object.entries(check)) {
      if (typeof value === 'number' || typeof value === 'boolean') shown[key] = value;
    }
    checks[name] = shown;
  }
  return checks;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
