/**
 * A level-triggered wake-up for the polling loop's lanes (see PollingLoop).
 * `notify` wakes one waiting loop (one NOTIFY needs one pass, not a stampede of empty ones);
 * a notify that arrives while no loop waits is remembered, so a wake-up landing during a pass
 * is never slept through.
 */
export class Wakeup {
  private pending = false;
  private readonly waiters = new Set<() => void>();

  notify(): void {
    const [first] = this.waiters;
    if (first) first();
    else this.pending = true;
  }

  /** Wakes every waiting loop (shutdown). */
  notifyAll(): void {
    for (const wake of [...this.waiters]) wake();
    this.pending = true;
  }

  /** Resolves at the next notify (or at once if one is pending), or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
