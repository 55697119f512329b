import type { MessageRow, Participant } from '../api/edge-api.types';

/** The columns of the choreography table, left to right in the order a checkout travels. */
export const PARTICIPANTS: readonly { readonly id: Participant; readonly label: string }[] = [
  { id: 'browser', label: 'Browser' },
  { id: 'bff-web', label: 'bff-web' },
  { id: 'checkout-orchestrator', label: 'checkout-orchestrator' },
  { id: 'catalog-svc', label: 'catalog-svc' },
  { id: 'payments-svc', label: 'payments-svc' },
  { id: 'psp-sandbox', label: 'Provider' },
];

/**
 * What one participant's cell shows for a message: the sender's dot, a receiver's arrowhead,
 * the line passing through, or nothing. `self` is a participant messaging itself (a timer).
 */
export type LaneMark = 'sender' | 'receiver' | 'self' | 'through' | 'none';

export interface LaneCell {
  readonly participant: Participant;
  readonly mark: LaneMark;
  /** Draw the line across the left / right half of the cell. */
  readonly lineLeft: boolean;
  readonly lineRight: boolean;
  /** Which way a receiver's arrowhead points. */
  readonly pointing: 'left' | 'right' | null;
}

const columnOf = (name: string): number => PARTICIPANTS.findIndex((p) => p.id === name);

export function laneCells(row: Pick<MessageRow, 'from' | 'to'>): LaneCell[] {
  const sender = columnOf(row.from);
  const receivers = new Set(row.to.map(columnOf).filter((column) => column >= 0));
  const ends = [...receivers, ...(sender >= 0 ? [sender] : [])];
  const first = Math.min(...ends);
  const last = Math.max(...ends);
  return PARTICIPANTS.map(({ id }, column) => {
    const spanned = ends.length > 1 && column >= first && column <= last;
    return {
      participant: id,
      mark: markOf(column, sender, receivers, spanned),
      lineLeft: spanned && column > first,
      lineRight: spanned && column < last,
      pointing: receivers.has(column) && column !== sender && sender >= 0 ? (column > sender ? 'right' : 'left') : null,
    };
  });
}

function markOf(column: number, sender: number, receivers: ReadonlySet<number>, spanned: boolean): LaneMark {
  if (column === sender) {
    return receivers.has(column) ? 'self' : 'sender';
  }
  if (receivers.has(column)) {
    return 'receiver';
  }
  return spanned ? 'through' : 'none';
}

export function participantLabel(name: string): string {
  return PARTICIPANTS.find((p) => p.id === name)?.label ?? name;
}

/** "catalog-svc → checkout-orchestrator", the route in words for every reader. */
export function describeRoute(row: Pick<MessageRow, 'from' | 'to'>): string {
  const receivers = row.to.length > 0 ? row.to.map(participantLabel).join(', ') : 'nobody';
  return `${participantLabel(row.from)} → ${receivers}`;
}

export function describeTransition(row: Pick<MessageRow, 'transition'>): string | null {
  return row.transition ? `${row.transition.from ?? 'Initial'} → ${row.transition.to}` : null;
}
