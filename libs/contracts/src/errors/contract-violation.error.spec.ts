import { ContractViolationError } from './contract-violation.error';

describe('a contract violation', () => {
  const error = new ContractViolationError(['a: is required', 'b: unknown field'], 'StockReserved');

  it('is an Error with a stable code', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ContractViolationError');
    expect(error.code).toBe('CONTRACT.VIOLATION');
  });

  it('says which message broke its contract and why', () => {
    expect(error.message).toBe(
      'The "StockReserved" message violates its contract: a: is required; b: unknown field',
    );
    expect(error.reasons).toEqual(['a: is required', 'b: unknown field']);
  });

  it('does not share its reasons with the caller', () => {
    const reasons = ['a: is required'];
    const copied = new ContractViolationError(reasons);
    reasons.push('later');
    expect(copied.reasons).toEqual(['a: is required']);
    expect(Object.isFrozen(copied.reasons)).toBe(true);
  });
});
