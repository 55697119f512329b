import type { SagaDefinitionView, SagaTransitionView } from '../api/edge-api.types';
import { type Box, inflate, linePath, overlaps, type Point, union } from './geometry';
import { sagaColumns } from './saga-layers';
import type { EdgeKind, EdgeLabel, LabelLine, SagaLayout, StateEdge, StateNode } from './saga-layout.types';
import { assignPorts } from './saga-ports';
import { type Route, routeEdge, sidePoint } from './saga-routes';

/**
 * Lays out the saga's state diagram from its definition alone: states in columns (see
 * saga-layers.ts), one arrow per group of transitions, labels nudged clear of each other.
 * Pure, so the layout is unit-tested and the SVG renderer only draws what it is given.
 */

const NODE = { width: 176, height: 52 };
const GAP = { column: 210, row: 116 };
const MARGIN = 24;
export const LABEL_LINE_HEIGHT = 14;
/** Average glyph width of the 11 px label font, generous so estimates err on the wide side. */
const LABEL_CHAR_WIDTH = 6.6;

export function layoutSaga(definition: SagaDefinitionView): SagaLayout {
  const nodes = placeNodes(definition);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const groups = groupTransitions(definition.transitions)
    .filter((group) => byName.has(group.from) && byName.has(group.to))
    .map((group) => ({ ...group, kind: kindOf(byName.get(group.from) as StateNode, byName.get(group.to) as StateNode) }));
  const ports = assignPorts(groups, byName);
  const obstacles: Box[] = nodes.map((node) => inflate(node, 6));
  const extents: Box[] = [];
  const edges = groups.map((group, index): StateEdge => {
    const ends = { start: ports.offset(index, 'start'), end: ports.offset(index, 'end'), parallel: ports.parallel(index) };
    const route = routeEdge(group.kind, byName.get(group.from) as StateNode, byName.get(group.to) as StateNode, ends);
    extents.push(route.extent);
    const label = placeLabel(labelLines(group), route, obstacles);
    obstacles.push(inflate(label.box, 2));
    return { ...group, path: route.path, label };
  });
  const initial = byName.get(definition.initial);
  const start = initial ? startStub(initial) : null;
  const startBox = start ? [{ x: start.at.x - 6, y: start.at.y - 6, width: 12, height: 12 }] : [];
  const extent = union([...nodes, ...edges.map((edge) => edge.label.box), ...extents, ...startBox]);
  return { viewBox: inflate(extent, MARGIN / 2), nodes, edges, start };
}

function placeNodes(definition: SagaDefinitionView): StateNode[] {
  const columns = sagaColumns(definition);
  const tallest = Math.max(...columns.map((names) => names.length));
  const states = new Map(definition.states.map((state) => [state.name, state]));
  return columns.flatMap((names, column) => {
    const offset = ((tallest - names.length) * (NODE.height + GAP.row)) / 2;
    return names.map((name, row) => ({
      name,
      column,
      row,
      x: MARGIN + column * (NODE.width + GAP.column),
      y: MARGIN + offset + row * (NODE.height + GAP.row),
      ...NODE,
      initial: name === definition.initial,
      final: states.get(name)?.final ?? false,
      attention: states.get(name)?.attention ?? false,
    }));
  });
}

interface TransitionGroup {
  readonly from: string;
  readonly to: string;
  readonly compensation: boolean;
  readonly transitions: SagaTransitionView[];
}

/**
 * Transitions between the same two states share an arrow unless one compensates and the other
 * does not. Loops back to the same state always share one loop (two would be drawn on top of
 * each other); its label marks which of them compensate.
 */
function groupTransitions(transitions: readonly SagaTransitionView[]): TransitionGroup[] {
  const groups = new Map<string, TransitionGroup>();
  for (const t of transitions) {
    const key = t.from === t.to ? `${t.from}\u0000self` : `${t.from}\u0000${t.to}\u0000${t.compensation}`;
    const group = groups.get(key);
    if (group) {
      groups.set(key, { ...group, compensation: group.compensation && t.compensation, transitions: [...group.transitions, t] });
    } else {
      groups.set(key, { from: t.from, to: t.to, compensation: t.compensation, transitions: [t] });
    }
  }
  return [...groups.values()];
}

function kindOf(from: StateNode, to: StateNode): EdgeKind {
  if (from.name === to.name) return 'self';
  if (from.column === to.column) return 'vertical';
  return to.column > from.column ? 'forward' : 'backward';
}

function labelLines(group: TransitionGroup): LabelLine[] {
  const seen = new Set<string>();
  return group.transitions.flatMap((t) => {
    const text = t.when ? `${t.event} [${t.when}]` : t.event;
    if (seen.has(text)) return [];
    seen.add(text);
    // On a loop that mixes both kinds, colour alone must not be what tells them apart.
    const marked = t.compensation && !group.compensation ? `↺ ${text}` : text;
    return [{ text: marked, compensation: t.compensation }];
  });
}

/**
 * Puts a label at the first spot along its arrow where it covers no state and no other label;
 * only when every spot is taken does it move off the arrow, a little up or down at a time.
 */
function placeLabel(lines: LabelLine[], route: Route, obstacles: readonly Box[]): EdgeLabel {
  const { labelSpots: spots, anchor } = route;
  const width = Math.max(...lines.map((line) => line.text.length)) * LABEL_CHAR_WIDTH + 8;
  const height = lines.length * LABEL_LINE_HEIGHT + 4;
  const boxAt = (at: Point, dy: number): Box => ({
    x: anchor === 'middle' ? at.x - width / 2 : at.x,
    y: (route.align === 'above' ? at.y - height : at.y - height / 2) + dy,
    width,
    height,
  });
  const free = (box: Box): boolean => !obstacles.some((obstacle) => overlaps(box, obstacle));
  const candidates = [...spots.map((at) => boxAt(at, 0)), ...[...nudges()].map((dy) => boxAt(spots[0], dy))];
  return { lines, anchor, box: candidates.find(free) ?? boxAt(spots[0], 0) };
}

/** Offsets to try once every spot on the arrow is taken: 12 px steps, alternating down and up. */
function* nudges(): Generator<number> {
  for (let step = 1; step <= 10; step += 1) {
    yield step * 12;
    yield -step * 12;
  }
}

function startStub(initial: StateNode): { at: Point; path: string } {
  const entry = sidePoint(initial, 'left', 0);
  const at = { x: entry.x - 36, y: entry.y };
  return { at, path: linePath({ x: at.x + 6, y: at.y }, entry) };
}
