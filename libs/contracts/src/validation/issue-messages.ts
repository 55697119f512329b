import { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const NOUNS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
};

const FORMATS: Readonly<Record<string, string>> = {
  uuid: 'a UUID',
  datetime: 'an ISO-8601 UTC date-time such as "2025-01-31T12:00:00.000Z"',
};

/**
 * A field's own error message, except when the field is absent: then the shared
 * `describeIssue` says "is required", which is what a reader needs to hear.
 */
export function unlessMissing(message: string) {
  return (issue: { readonly input?: unknown }): string | undefined =>
    issue.input === undefined ? undefined : message;
}

/** Short, reader-facing wording for zod's issues; used for every contract check. */
export function describeIssue(issue: RawIssue): string | undefined {
  const absent = issue.code === 'invalid_type' || issue.code === 'invalid_value';
  if (issue.input === undefined && absent) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${NOUNS[issue.expected] ?? issue.expected}, received ${kindOf(issue.input)}`;
    case 'invalid_format':
      return `expected ${FORMATS[issue.format] ?? `the ${issue.format} format`}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `expected ${bound('at least', issue.origin, issue.minimum, issue.inclusive, '>')}`;
    case 'too_big':
      return `expected ${bound('at most', issue.origin, issue.maximum, issue.inclusive, '<')}`;
    default:
      return undefined;
  }
}

function bound(
  words: string,
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  operator: '<' | '>',
): string {
  if (origin === 'string') return `${words} ${limit} character${limit === 1 ? '' : 's'}`;
  if (origin === 'array') return `${words} ${limit} item${limit === 1 ? '' : 's'}`;
  return `a number ${operator}${inclusive ? '=' : ''} ${limit}`;
}

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}
