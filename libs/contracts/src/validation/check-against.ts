import { z } from 'zod';
import { describeIssue } from './issue-messages';

export type CheckResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reasons: readonly string[] };

/**
 * Validates `input` without throwing, so a caller can gather reasons from several checks
 * (envelope, version, payload) and report them all at once. Each reason reads
 * `<path>: <problem>`, the path starting with `prefix` when one is given.
 */
export function checkAgainst<T>(
  schema: z.ZodType<T>,
  input: unknown,
  prefix?: string,
): CheckResult<T> {
  const result = schema.safeParse(input, { error: describeIssue });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reasons: result.error.issues.flatMap((issue) => reasonsFor(issue, prefix)) };
}

function reasonsFor(issue: z.core.$ZodIssue, prefix: string | undefined): string[] {
  const base = prefix === undefined ? issue.path : [prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${pathOf([...base, key])}: unknown field`);
  }
  return [`${pathOf(base)}: ${issue.message}`];
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
