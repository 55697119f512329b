import { ContractViolationError } from '../errors/contract-violation.error';
import { childTraceparent, isTraceparent, newTraceparent, traceIdOf } from './traceparent';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('a new traceparent', () => {
  it('is a sampled version-00 traceparent', () => {
    expect(newTraceparent()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('starts a different trace each time', () => {
    expect(traceIdOf(newTraceparent())).not.toBe(traceIdOf(newTraceparent()));
  });
});

describe('a child traceparent', () => {
  it('keeps the trace id and flags of its parent', () => {
    const child = childTraceparent(PARENT);
    expect(child).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
  });

  it('has a new span id', () => {
    expect(childTraceparent(PARENT).split('-')[2]).not.toBe('00f067aa0ba902b7');
  });

  it('keeps an unsampled flag unsampled', () => {
    expect(childTraceparent(PARENT.replace(/-01$/, '-00'))).toMatch(/-00$/);
  });

  it('refuses a malformed parent', () => {
    expect(() => childTraceparent('00-abc-def-01')).toThrow(ContractViolationError);
  });
});

describe('traceparent validation', () => {
  it.each([
    ['a valid value', PARENT, true],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, false],
    ['an all-zero span id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`, false],
    ['upper-case hex', PARENT.toUpperCase(), false],
    ['another version', PARENT.replace(/^00/, '01'), false],
    ['a short span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902-01', false],
  ])('judges %s', (_case, value, valid) => {
    expect(isTraceparent(value)).toBe(valid);
  });

  it('reads the trace id back out', () => {
    expect(traceIdOf(PARENT)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});
