/** One fault of a soak: what, where, for how long, and the pause before it. */
export interface ScheduledFault {
  readonly kind: string;
  readonly target: string;
  readonly seconds: number;
  readonly pauseMs: number;
}

export interface CatalogueEntry {
  readonly kind: string;
  readonly targets: readonly string[];
}

/**
 * mulberry32: a tiny, well-known 32-bit PRNG. Seeded, it yields the same sequence on every
 * machine, which is the whole point: `--seed 42` replays the same faults in the same order.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws `count` faults from the agent's catalogue: kinds and targets uniformly, 2-8 s each. */
export function drawSchedule(seed: number, count: number, catalogue: readonly CatalogueEntry[]): ScheduledFault[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const kinds = catalogue.filter((entry) => entry.targets.length > 0);
  return Array.from({ length: count }, () => {
    const entry = pick(kinds);
    return { kind: entry.kind, target: pick(entry.targets), seconds: 2 + Math.floor(random() * 7), pauseMs: 500 + Math.floor(random() * 2500) };
  });
}
