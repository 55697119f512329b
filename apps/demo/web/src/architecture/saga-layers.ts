import type { SagaDefinitionView } from '../api/edge-api.types';

/**
 * Which column each state goes in, and its place in the column. Columns are the distance from
 * the initial state (breadth-first, so the happy path reads left to right); within a column,
 * states sit near the average position of the states that lead to them, which keeps most
 * arrows short and uncrossed. Ties put forward states above compensating ones, then keep the
 * order of the definition.
 */
export function sagaColumns(definition: SagaDefinitionView): string[][] {
  const depth = distancesFromInitial(definition);
  const order = new Map(definition.states.map((state, index) => [state.name, index]));
  // States reached only by compensating steps sit below the others: the forward path on top.
  const compensationOnly = (name: string): number => {
    const incoming = definition.transitions.filter((t) => t.to === name && t.from !== name);
    return incoming.length > 0 && incoming.every((t) => t.compensation) ? 1 : 0;
  };
  const columns: string[][] = [];
  for (const state of definition.states) {
    const column = depth.get(state.name) ?? 0;
    (columns[column] ??= []).push(state.name);
  }
  const position = new Map<string, number>();
  return Array.from(columns, (names = [], column) => {
    const ranked = names
      .map((name) => ({ name, weight: barycentre(definition, name, column, depth, position) }))
      .sort(
        (a, b) =>
          a.weight - b.weight ||
          compensationOnly(a.name) - compensationOnly(b.name) ||
          (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0),
      )
      .map((entry) => entry.name);
    ranked.forEach((name, index) => position.set(name, index));
    return ranked;
  });
}

/** Breadth-first distance from `initial`; states it cannot reach go in one column after the rest. */
export function distancesFromInitial(definition: SagaDefinitionView): Map<string, number> {
  const depth = new Map<string, number>([[definition.initial, 0]]);
  const queue = [definition.initial];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const transition of definition.transitions) {
      if (transition.from === current && !depth.has(transition.to)) {
        depth.set(transition.to, (depth.get(current) ?? 0) + 1);
        queue.push(transition.to);
      }
    }
  }
  const unreachable = Math.max(...depth.values()) + 1;
  for (const state of definition.states) {
    if (!depth.has(state.name)) {
      depth.set(state.name, unreachable);
    }
  }
  return depth;
}

function barycentre(
  definition: SagaDefinitionView,
  name: string,
  column: number,
  depth: ReadonlyMap<string, number>,
  placed: ReadonlyMap<string, number>,
): number {
  const sources = new Set(
    definition.transitions.filter((t) => t.to === name && (depth.get(t.from) ?? 0) < column).map((t) => t.from),
  );
  const predecessors = [...sources]
    .map((source) => placed.get(source))
    .filter((index): index is number => index !== undefined);
  return predecessors.length === 0 ? 0 : predecessors.reduce((sum, index) => sum + index, 0) / predecessors.length;
}
