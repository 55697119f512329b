import type { InvariantReport } from '@checkout/invariants';

/**
 * The public audit (/api/invariants) reads every schema: it must cost the same whether one
 * visitor asks or a thousand. One audit runs at a time, whoever asks; everyone asking while it
 * runs shares it, and its result is served until it is `maxAgeMs` old. A failed audit is not
 * kept: the next request tries again. (The judge's audits are its own, never this cache's.)
 */
export class CachedAudit {
  private last?: { at: number; report: InvariantReport };
  private running?: Promise<InvariantReport>;

  constructor(
    private readonly audit: () => Promise<InvariantReport>,
    private readonly maxAgeMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A report at most `maxAgeMs` old (its `checkedAt` says how old). */
  async report(): Promise<InvariantReport> {
    return (this.last && this.clock() - this.last.at <= this.maxAgeMs ? this.last : await this.fresh()).report;
  }

  private async fresh(): Promise<{ at: number; report: InvariantReport }> {
    this.running ??= this.audit().finally(() => (this.running = undefined));
    const report = await this.running;
    // Several waiters resolve here for one audit: the first stores it, the others find it.
    if (!this.last || this.last.report !== report) this.last = { at: this.clock(), report };
    return this.last;
  }
}
