/** The longest Retry-After: past half a minute a client is better told the shop is closed. */
export const MAX_RETRY_AFTER_SECONDS = 30;
/** Admissions and refusals are counted in windows of this length; the last two are read. */
const WINDOW_MS = 1_000;

/**
 * How long a refused client should wait before trying again, so that retries do not become
 * the load. If R requests were refused while A were admitted in the same time, and each
 * refused client comes back after T seconds, the retries alone arrive at R / T a second: at
 * T = R / A they arrive no faster than the cluster admits work. So Retry-After grows with the
 * overload (1 s at up to one refusal per admission, 10 s at ten), and is jittered ±50 % so the
 * clients refused in one burst do not all return in the same second.
 */
export class RetryPacing {
  private windowStart = 0;
  private current = { admitted: 0, refused: 0 };
  private previous = { admitted: 0, refused: 0 };

  constructor(private readonly random: () => number = Math.random) {}

  admitted(now: number): void {
    this.roll(now).admitted++;
  }

  /** Counts a refusal and says when its client should come back, in whole seconds (≥ 1). */
  refused(now: number): number {
    this.roll(now).refused++;
    const refused = this.current.refused + this.previous.refused;
    const admitted = Math.max(1, this.current.admitted + this.previous.admitted);
    const seconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, refused / admitted));
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.round(seconds * (0.5 + this.random()))));
  }

  private roll(now: number) {
    if (now - this.windowStart >= WINDOW_MS) {
      // A gap longer than a window leaves nothing to carry over.
      this.previous = now - this.windowStart >= 2 * WINDOW_MS ? { admitted: 0, refused: 0 } : this.current;
      this.current = { admitted: 0, refused: 0 };
      this.windowStart = now;
    }
    return this.current;
  }
}
