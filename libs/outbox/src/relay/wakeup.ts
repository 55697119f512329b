/**
 * A level-triggered wake-up: a notify that arrives while nobody waits is remembered, so a
 * NOTIFY landing during a relay pass is never slept through.
 */
export class Wakeup {
  private pending = false;
  private resolve?: () => void;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  /** Resolves at the next notify (or at once if one is pending), or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.resolve = undefined;
        self.pending = false;
        resolve();
      }
      this.resolve = done;
    });
  }
}
