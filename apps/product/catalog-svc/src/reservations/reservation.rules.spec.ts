import type { Reservation, ReservationStatus } from './reservation.entity';
import { ReservationCommittedError, ReservationReleasedError } from './reservation.errors';
import { heldStock, isHeld, onCommitRequest, onReleaseRequest } from './reservation.rules';

const reservation = (status: ReservationStatus, lines = 1): Reservation => ({
  id: '3b9f5f5e-8a43-4a5e-9d55-0f1f8c1e2a10',
  checkoutId: '0d4c6f3e-2f0b-4b8e-a3f4-7c1a9e6d5b21',
  status,
  lines: Array.from({ length: lines }, () => ({ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 })),
  amount: 3999 * lines,
  currency: lines > 0 ? 'GBP' : null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

describe('a reservation request for a checkout that already has a reservation', () => {
  it('is answered again while the stock is held', () => {
    expect(isHeld(reservation('held'))).toBe(true);
  });

  it('is not answered once the stock was released or sold', () => {
    expect(isHeld(reservation('released'))).toBe(false);
    expect(isHeld(reservation('committed'))).toBe(false);
  });
});

describe('a release request', () => {
  it('gives back held stock', () => {
    expect(onReleaseRequest(reservation('held'))).toBe('release');
  });

  it('changes nothing when the stock was already given back', () => {
    expect(onReleaseRequest(reservation('released'))).toBe('already-released');
  });

  it('is refused for stock that was sold', () => {
    expect(() => onReleaseRequest(reservation('committed'))).toThrow(ReservationCommittedError);
  });
});

describe('a commit request', () => {
  it('sells held stock', () => {
    expect(onCommitRequest(reservation('held'))).toBe('commit');
  });

  it('changes nothing when the stock was already sold', () => {
    expect(onCommitRequest(reservation('committed'))).toBe('already-committed');
  });

  it('is refused for stock that was given back, with a code an operator can look up', () => {
    expect(() => onCommitRequest(reservation('released'))).toThrow(ReservationReleasedError);
    expect(() => onCommitRequest(reservation('released'))).toThrow(
      expect.objectContaining({ code: 'CATALOG.RESERVATION_RELEASED' }),
    );
  });
});

describe('a release recorded before anything was held', () => {
  it('holds no stock, unlike a real reservation', () => {
    expect(heldStock(reservation('released', 0))).toBe(false);
    expect(heldStock(reservation('released', 1))).toBe(true);
  });
});
