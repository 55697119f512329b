/**
 * Thrown when an optimistic-concurrency check fails: the row changed since it was read
 * (`UPDATE … WHERE version = $read` touched nothing). Safe to retry from the start of the
 * transaction, against fresh data.
 */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY.CONFLICT';
}

/** Postgres errors that mean "nothing happened, run the transaction again". */
const RETRYABLE_PG_CODES = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

export function isRetryableConflict(error: unknown): boolean {
  if (error instanceof ConcurrencyConflictError) return true;
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code !== undefined && RETRYABLE_PG_CODES.has(code);
}

/**
 * Runs `work` (a whole transaction) again when it lost an optimistic-concurrency race, with a
 * short random pause so two racers do not collide again in lock-step.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
