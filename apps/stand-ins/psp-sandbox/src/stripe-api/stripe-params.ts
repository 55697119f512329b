import type { z } from 'zod';
import { InvalidRequestError } from './stripe-api.error';

/**
 * Validates a request's form parameters. Like Stripe, it reports the first problem only,
 * naming the parameter as the client spelled it (`line_items[0][price_data][unit_amount]`), so
 * an SDK user sees `err.param` point at the field to fix. Throws before anything is written.
 */
export function parseParams<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {}, { reportInput: true });
  if (result.success) return result.data;
  throw toInvalidRequest(result.error.issues[0]);
}

function toInvalidRequest(issue: z.core.$ZodIssue): InvalidRequestError {
  if (issue.code === 'unrecognized_keys') {
    const param = bracketPath([...issue.path, issue.keys[0]]);
    return new InvalidRequestError(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });
  }
  const param = bracketPath(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new InvalidRequestError(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
  }
  return new InvalidRequestError(`Invalid ${param}: ${issue.message}`, { param });
}

/** ['line_items', 0, 'quantity'] → 'line_items[0][quantity]' (Stripe's form notation). */
export function bracketPath(path: readonly PropertyKey[]): string {
  const [first, ...rest] = path.map(String);
  return (first ?? '') + rest.map((part) => `[${part}]`).join('');
}
