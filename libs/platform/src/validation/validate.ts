import type { z } from 'zod';
import { ValidationFailedError } from '../errors/app-error';

/**
 * Validates untrusted input (a request body, a query string, a header, a path parameter)
 * against a schema. On failure it throws a 400 that lists each problem by field path, and
 * nothing has been changed yet. `source` names the input as a whole, for a problem with no
 * field path: "header Idempotency-Key", "path parameter id"; a body by default.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, source = '(body)'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailedError(
    result.error.issues.map((issue) => `${issue.path.join('.') || source}: ${issue.message}`),
  );
}
