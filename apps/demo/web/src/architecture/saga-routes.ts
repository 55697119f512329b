import { bezier, type Box, cubicPath, type Point } from './geometry';
import type { EdgeKind, StateNode } from './saga-layout.types';

export type Side = 'left' | 'right';

/** The curve of one arrow, and where its label may sit, best place first. */
export interface Route {
  readonly path: string;
  /** Points on (or just beside) the curve itself, so a label never drifts from its arrow. */
  readonly labelSpots: readonly Point[];
  readonly anchor: 'start' | 'middle';
  /** centre: a spot is the label's centre; above: the middle of its bottom edge. */
  readonly align: 'centre' | 'above';
  /** The area the curve sweeps beyond its ends, so the view box never cuts it off. */
  readonly extent: Box;
}

export const sidePoint = (node: StateNode, which: Side, offset: number): Point => ({
  x: which === 'right' ? node.x + node.width : node.x,
  y: node.y + node.height / 2 + offset,
});

/** Preferred label positions along a curve: the middle, then outwards. */
const SPOTS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74];

interface Ends {
  readonly start: number;
  readonly end: number;
  readonly parallel: number;
}

/**
 * Arrows leave the right side and enter the left side going forward, the other way round going
 * back; within a column they arc out to the right, further for each parallel arc; an event that
 * keeps the state loops over the top of its box.
 */
export function routeEdge(kind: EdgeKind, from: StateNode, to: StateNode, ends: Ends): Route {
  switch (kind) {
    case 'self':
      return selfLoop(from);
    case 'vertical':
      return arcInColumn(from, to, ends);
    default:
      return acrossColumns(kind === 'forward', from, to, ends);
  }
}

function selfLoop(node: StateNode): Route {
  const top = node.y;
  const mid = node.x + node.width / 2;
  const path = cubicPath({ x: mid - 18, y: top }, { x: mid - 40, y: top - 46 }, { x: mid + 40, y: top - 46 }, { x: mid + 18, y: top });
  return {
    path,
    labelSpots: [{ x: mid, y: top - 38 }],
    anchor: 'middle',
    align: 'above',
    extent: { x: mid - 40, y: top - 36, width: 80, height: 36 },
  };
}

function arcInColumn(from: StateNode, to: StateNode, ends: Ends): Route {
  const p0 = sidePoint(from, 'right', ends.start);
  const p3 = sidePoint(to, 'right', ends.end);
  const bulge = 36 + 18 * (Math.abs(to.row - from.row) - 1) + 22 * ends.parallel;
  const p1 = { x: p0.x + bulge, y: p0.y };
  const p2 = { x: p3.x + bulge, y: p3.y };
  const apex = bezier(p0, p1, p2, p3, 0.5);
  return {
    path: cubicPath(p0, p1, p2, p3),
    // Labels of an arc sit just outside it, reading away from the column.
    labelSpots: SPOTS.map((t) => ({ x: apex.x + 6, y: bezier(p0, p1, p2, p3, t).y })),
    anchor: 'start',
    align: 'centre',
    extent: { x: p0.x, y: Math.min(p0.y, p3.y), width: apex.x - p0.x, height: Math.abs(p3.y - p0.y) },
  };
}

function acrossColumns(forward: boolean, from: StateNode, to: StateNode, ends: Ends): Route {
  const p0 = sidePoint(from, forward ? 'right' : 'left', ends.start);
  const p3 = sidePoint(to, forward ? 'left' : 'right', ends.end);
  const dx = (p3.x - p0.x) / 2;
  // A step back bends below the straight line, so it never lies on top of a step forward.
  const bend = forward ? 0 : 34;
  const p1 = { x: p0.x + dx, y: p0.y + bend };
  const p2 = { x: p3.x - dx, y: p3.y + bend };
  const mid = bezier(p0, p1, p2, p3, 0.5);
  return {
    path: cubicPath(p0, p1, p2, p3),
    labelSpots: SPOTS.map((t) => bezier(p0, p1, p2, p3, t)),
    anchor: 'middle',
    align: 'centre',
    extent: { x: Math.min(p0.x, p3.x), y: Math.min(p0.y, p3.y, mid.y), width: Math.abs(p3.x - p0.x), height: 1 },
  };
}
