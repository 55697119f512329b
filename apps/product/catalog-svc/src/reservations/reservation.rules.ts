import type { Reservation } from './reservation.entity';
import { ReservationCommittedError, ReservationReleasedError } from './reservation.errors';

type StatusOf = Pick<Reservation, 'id' | 'status'>;

/** A reservation that holds stock; it is always priced (a database constraint says so too). */
export type HeldReservation = Reservation & { readonly status: 'held'; readonly currency: string };

/**
 * Whether a checkout's reservation still holds its stock. A repeated reservation request gets
 * the same answer again only then: once released or sold, the saga has moved past that step,
 * and "reserved" would be untrue.
 */
export function isHeld(reservation: Reservation): reservation is HeldReservation {
  return reservation.status === 'held' && reservation.currency !== null;
}

/** Compensation is idempotent: releasing twice gives back once. Sold stock is never released. */
export function onReleaseRequest(reservation: StatusOf): 'release' | 'already-released' {
  switch (reservation.status) {
    case 'held':
      return 'release';
    case 'released':
      return 'already-released';
    case 'committed':
      throw new ReservationCommittedError(reservation.id);
  }
}

/** Committing twice sells once. Stock that was given back cannot be sold: an operator must look. */
export function onCommitRequest(reservation: StatusOf): 'commit' | 'already-committed' {
  switch (reservation.status) {
    case 'held':
      return 'commit';
    case 'committed':
      return 'already-committed';
    case 'released':
      throw new ReservationReleasedError(reservation.id);
  }
}

/** False for a release recorded before anything was held: it has no lines, and no id the saga knows. */
export function heldStock(reservation: Pick<Reservation, 'lines'>): boolean {
  return reservation.lines.length > 0;
}
