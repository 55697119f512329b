/** Attempts per delivery, the first included; after the last failure the delivery is given up. */
export const MAX_ATTEMPTS = 10;
/** No wait between attempts is longer than this. */
export const MAX_RETRY_DELAY_MS = 60_000;

export type NextStep = { retry: true; delayMs: number } | { retry: false };

/**
 * What to do after the `attempts`-th attempt failed: wait base, 2×base, 4×base … (capped at a
 * minute) so a blip is retried quickly and a longer outage is not hammered; give up after
 * the tenth.
 */
export function afterFailedAttempt(attempts: number, baseDelayMs: number): NextStep {
  if (attempts >= MAX_ATTEMPTS) return { retry: false };
  return { retry: true, delayMs: Math.min(baseDelayMs * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS) };
}
