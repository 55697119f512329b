import type { SagaTransitionView } from '../api/edge-api.types';
import type { Box, Point } from './geometry';

export interface StateNode extends Box {
  readonly name: string;
  readonly column: number;
  readonly row: number;
  readonly initial: boolean;
  readonly final: boolean;
  readonly attention: boolean;
}

/** forward/backward: to a later/earlier column; vertical: within a column; self: back to itself. */
export type EdgeKind = 'forward' | 'backward' | 'vertical' | 'self';

export interface LabelLine {
  readonly text: string;
  readonly compensation: boolean;
}

export interface EdgeLabel {
  readonly lines: readonly LabelLine[];
  readonly anchor: 'start' | 'middle';
  readonly box: Box;
}

/**
 * One arrow: the transitions between the same two states with the same compensation flag; or,
 * for a loop back to the same state, all of that state's loops (one loop per box).
 */
export interface StateEdge {
  readonly from: string;
  readonly to: string;
  /** Every transition on the arrow compensates (drawn red and dashed). */
  readonly compensation: boolean;
  readonly kind: EdgeKind;
  readonly path: string;
  readonly label: EdgeLabel;
  readonly transitions: readonly SagaTransitionView[];
}

export interface SagaLayout {
  readonly viewBox: Box;
  readonly nodes: readonly StateNode[];
  readonly edges: readonly StateEdge[];
  /** The "start here" stub into the initial state. */
  readonly start: { readonly at: Point; readonly path: string } | null;
}
