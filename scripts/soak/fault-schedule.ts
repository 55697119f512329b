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
  /** The shortest run the agent accepts for this kind (a webhook secret's overlap: 5 s). */
  readonly minSeconds?: number;
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

/**
 * Draws `count` faults from the agent's catalogue, 2-8 s each (never below a kind's minimum). Kinds come in rounds, each a
 * seeded shuffle of the whole catalogue, so any schedule at least as long as the catalogue
 * performs every kind (a uniform draw of 8 from 8 kinds usually misses two or three); targets
 * are drawn uniformly.
 */
export function drawSchedule(seed: number, count: number, catalogue: readonly CatalogueEntry[]): ScheduledFault[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const kinds = catalogue.filter((entry) => entry.targets.length > 0);
  const order: CatalogueEntry[] = [];
  while (order.length < count && kinds.length > 0) order.push(...shuffled(kinds, random));
  return order.slice(0, count).map((entry) => ({
    kind: entry.kind,
    target: pick(entry.targets),
    seconds: Math.max(entry.minSeconds ?? 1, 2 + Math.floor(random() * 7)),
    pauseMs: 500 + Math.floor(random() * 2500),
  }));
}

/** Fisher-Yates with the seeded source. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
