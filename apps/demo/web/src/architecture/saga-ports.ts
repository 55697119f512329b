import type { EdgeKind, StateNode } from './saga-layout.types';
import type { Side } from './saga-routes';

type End = 'start' | 'end';

interface PortedEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
}

/**
 * Spreads the arrows that meet one side of a state box over that side, ordered by where their
 * other end sits, so arrows leave and arrive side by side instead of through one point.
 */
export function assignPorts(edges: readonly PortedEdge[], nodes: ReadonlyMap<string, StateNode>) {
  const offsets = new Map<string, number>();
  const attached = new Map<string, { key: string; node: StateNode; otherY: number; order: number }[]>();
  edges.forEach((edge, index) => {
    if (edge.kind === 'self') return;
    for (const end of ['start', 'end'] as const) {
      const node = nodes.get(end === 'start' ? edge.from : edge.to) as StateNode;
      const other = nodes.get(end === 'start' ? edge.to : edge.from) as StateNode;
      const slot = `${sideOf(edge.kind, end)}:${node.name}`;
      const list = attached.get(slot) ?? [];
      list.push({ key: `${index}|${end}`, node, otherY: other.y, order: index });
      attached.set(slot, list);
    }
  });
  for (const list of attached.values()) {
    const height = list[0].node.height;
    const spacing = list.length > 1 ? Math.min(10, (height - 16) / (list.length - 1)) : 0;
    list
      .sort((a, b) => a.otherY - b.otherY || a.order - b.order)
      .forEach((entry, position) => offsets.set(entry.key, (position - (list.length - 1) / 2) * spacing));
  }
  const pair = (edge: PortedEdge): string => [edge.from, edge.to].sort().join('|');
  const parallels = edges.map((edge, index) =>
    edge.kind === 'vertical' ? edges.slice(0, index).filter((e) => e.kind === 'vertical' && pair(e) === pair(edge)).length : 0,
  );
  return {
    offset: (index: number, end: End): number => offsets.get(`${index}|${end}`) ?? 0,
    /** How many same-column arrows between the same pair came before this one. */
    parallel: (index: number): number => parallels[index] ?? 0,
  };
}

function sideOf(kind: EdgeKind, end: End): Side {
  if (kind === 'vertical') return 'right';
  if (kind === 'forward') return end === 'start' ? 'right' : 'left';
  return end === 'start' ? 'left' : 'right';
}
