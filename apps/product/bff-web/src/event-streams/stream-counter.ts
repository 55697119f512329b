/** Open streams per client and in total, against two caps. */
export class StreamCounter {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerClient: number,
    private readonly maxTotal: number,
  ) {}

  /** Counts a new stream for `client`, or returns false if a cap is reached. */
  open(client: string): boolean {
    const held = this.perClient.get(client) ?? 0;
    if (held >= this.maxPerClient || this.total >= this.maxTotal) return false;
    this.perClient.set(client, held + 1);
    this.total++;
    return true;
  }

  close(client: string): void {
    const held = this.perClient.get(client) ?? 0;
    if (held === 0) return;
    if (held === 1) this.perClient.delete(client);
    else this.perClient.set(client, held - 1);
    this.total--;
  }
}
