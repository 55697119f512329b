import crypto from 'node:crypto';
import { sameSecret } from './same-secret';

describe('comparing a presented secret with the expected one', () => {
  const expected = 'ops-token-0123456789abcdef';

  it('accepts the very secret and nothing else, whatever its length', () => {
    expect(sameSecret(expected, expected)).toBe(true);
    expect(sameSecret(`${expected}x`, expected)).toBe(false);
    expect(sameSecret(expected.slice(0, -1), expected)).toBe(false);
    expect(sameSecret('', expected)).toBe(false);
    expect(sameSecret(expected.toUpperCase(), expected)).toBe(false);
  });

  it('compares in constant time, over digests of one length even when the inputs differ in length', () => {
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    sameSecret('short', expected);
    expect(compare).toHaveBeenCalledTimes(1);
    const [a, b] = compare.mock.calls[0] as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
    // And its answer is the one that counts: no other comparison decides.
    compare.mockReturnValue(true);
    expect(sameSecret('short', expected)).toBe(true);
    compare.mockRestore();
  });
});
