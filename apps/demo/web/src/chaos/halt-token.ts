const KEY = 'chaos-halt-token';
/** The same in memory, for a tab whose storage is disabled. */
let held: { experimentId: string; token: string } | null = null;

/**
 * The halt token of the experiment this tab started: the only thing that lets a visitor halt
 * it (nobody else's browser has it). sessionStorage, so it survives a reload of this tab and
 * goes with it.
 */
export function keepHaltToken(experimentId: string, token: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ experimentId, token }));
  } catch {
    // storage disabled: this tab can still halt until it is reloaded
  }
  held = { experimentId, token };
}

/** The token this tab holds, if any (for whichever experiment it started last). */
export function heldHaltToken(): string | null {
  if (held) return held.token;
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { token?: unknown } | null;
    return typeof stored?.token === 'string' ? stored.token : null;
  } catch {
    return null;
  }
}
