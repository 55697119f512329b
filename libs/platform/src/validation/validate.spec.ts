import { z } from 'zod';
import { ValidationFailedError } from '../errors/app-error';
import { validate } from './validate';

const problems = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.details ?? [];
    throw error;
  }
  return [];
};

describe('validating untrusted input', () => {
  it('names the field of a body that is wrong', () => {
    expect(problems(() => validate(z.object({ qty: z.number() }), { qty: 'two' }))).toEqual([
      expect.stringMatching(/^qty: /),
    ]);
  });

  it('names a header or a path parameter as such, not as the body', () => {
    expect(problems(() => validate(z.uuid(), 'nope', 'path parameter id'))).toEqual([expect.stringMatching(/^path parameter id: /)]);
    expect(problems(() => validate(z.string().min(8), 'short', 'header Idempotency-Key'))).toEqual([
      expect.stringMatching(/^header Idempotency-Key: /),
    ]);
  });

  it('returns the parsed value when the input is valid', () => {
    expect(validate(z.coerce.number(), '3', 'query limit')).toBe(3);
  });
});
