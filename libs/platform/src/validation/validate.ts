import type { z } from 'zod';
import { ValidationFailedError } from '../errors/app-error';

/**
 * Validates untrusted input (a request body, a query string) against a schema. On failure it
 * throws a 400 that lists each problem by field path, and nothing has been changed yet.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailedError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  );
}
