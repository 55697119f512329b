import { InvalidRequestError } from '../stripe-api/stripe-api.error';
import { refundAmount } from './refund-amount';

describe('how much a refund gives back', () => {
  it('is everything still unrefunded when no amount is asked for', () => {
    expect(refundAmount('pi_1', 3999, 0)).toBe(3999);
    expect(refundAmount('pi_1', 3999, 1000)).toBe(2999);
  });

  it('is the amount asked for, up to and including all that is left', () => {
    expect(refundAmount('pi_1', 3999, 1000, 2999)).toBe(2999);
  });

  it('refuses more than is left, naming amount', () => {
    expect(() => refundAmount('pi_1', 3999, 1000, 3000)).toThrow(InvalidRequestError);
    expect(() => refundAmount('pi_1', 3999, 1000, 3000)).toThrow(/greater than unrefunded amount on charge \(2999\)/);
  });

  it('refuses anything once the payment is fully refunded', () => {
    expect(() => refundAmount('pi_1', 3999, 3999)).toThrow(/already been refunded/);
  });
});
