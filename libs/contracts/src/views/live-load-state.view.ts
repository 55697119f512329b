/**
 * The `load` event of the chaos page's live stream: whether the agent's live load runs, since
 * when, and when it stops if nobody stays (it runs while a chaos page is open or an experiment
 * runs, and `lingerSeconds` after the last of them).
 */
export interface LiveLoadState {
  readonly running: boolean;
  /** Paying checkouts a second while it runs (LIVE_LOAD_PER_SECOND; 0 means never). */
  readonly perSecond: number;
  /** ISO time it started, while it runs. */
  readonly since: string | null;
  /** ISO time it stops unless someone comes; null while a page holds it. */
  readonly stopsAt: string | null;
  readonly lingerSeconds: number;
}
