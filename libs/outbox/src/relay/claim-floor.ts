/** One relay pass as the floor sees it: where its claim began, and the lowest id announced while it ran. */
export interface FloorPass {
  readonly from: bigint;
  lowest: bigint | null;
}

/**
 * Where the relay's claim starts looking: the lowest outbox id that may still be pending.
 *
 * Sent rows stay in the outbox until retention deletes them, and the pending-rows index keeps an
 * entry for each until VACUUM removes it. A claim that starts at the first id walks every one of
 * those entries, so its cost grew with everything sent since the last vacuum (a millisecond and
 * more a pass at a few thousand rows, on a database that vacuums rarely). A claim from the floor
 * reads only what lies at or above it: about the rows it takes.
 *
 * Rows can become visible below the floor, since ids are handed out at insert and become visible
 * at commit, out of order. Each committing statement announces its first id (the outbox trigger's
 * NOTIFY payload), and the floor goes down to it. The floor goes up only past rows a pass took and
 * settled; a pass that fails, a notification without an id (the listener's nudge after a gap) and
 * a full scan every `fullScanEveryMs` start again from the beginning, so a row nobody announced (its
 * relay died mid-pass, the listener was away) still goes out.
 */
export class ClaimFloor {
  private floor = 0n;
  private readonly passes = new Set<FloorPass>();
  private lastFullScan = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly fullScanEveryMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Rows from `id` on may be pending (a commit announced them); `null` means any row may be. */
  lower(id: bigint | null): void {
    const to = id ?? 0n;
    if (to < this.floor) this.floor = to;
    for (const pass of this.passes) if (pass.lowest === null || to < pass.lowest) pass.lowest = to;
  }

  /** Starts a pass: its claim looks at ids from `from` on. */
  begin(): FloorPass {
    const due = this.now() - this.lastFullScan >= this.fullScanEveryMs;
    if (due) this.lastFullScan = this.now();
    const pass: FloorPass = { from: due ? 0n : this.floor, lowest: null };
    this.passes.add(pass);
    return pass;
  }

  /**
   * Ends a pass that committed. `lastClaimed` is the highest id it took (none: it found nothing);
   * `lowestUnsent` the lowest it took and could not publish, which stays pending. Rows below
   * `lastClaimed` that it skipped were locked by another pass, whose own end or failure accounts
   * for them.
   */
  end(pass: FloorPass, lastClaimed: bigint | null, lowestUnsent: bigint | null): void {
    this.passes.delete(pass);
    if (lastClaimed !== null && lastClaimed + 1n > this.floor) this.floor = lastClaimed + 1n;
    for (const kept of [pass.lowest, lowestUnsent]) if (kept !== null && kept < this.floor) this.floor = kept;
  }

  /** Ends a pass that rolled back: everything it claimed is pending again. */
  abort(pass: FloorPass): void {
    this.passes.delete(pass);
    this.lower(pass.from);
    if (pass.lowest !== null && pass.lowest < this.floor) this.floor = pass.lowest;
  }
}

/** An outbox id as a NOTIFY payload carries it: digits, or nothing (then the floor goes to the start). */
export function announcedId(payload: string): bigint | null {
  return /^[0-9]{1,19}$/.test(payload) ? BigInt(payload) : null;
}
