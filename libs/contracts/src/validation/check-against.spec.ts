import { z } from 'zod';
import { checkAgainst } from './check-against';

const schema = z.strictObject({
  name: z.string(),
  kind: z.enum(['a', 'b']),
  tags: z.array(z.string()).max(1),
});

function reasonsFor(input: unknown, prefix?: string): readonly string[] {
  const result = checkAgainst(schema, input, prefix);
  return result.ok ? [] : result.reasons;
}

describe('checking a value against a schema', () => {
  it('returns the parsed value when it is valid', () => {
    const value = { name: 'n', kind: 'a', tags: [] };
    expect(checkAgainst(schema, value)).toEqual({ ok: true, value });
  });

  it('names the root when the value is not an object at all', () => {
    expect(reasonsFor('text')).toEqual(['(root): expected an object, received string']);
    expect(reasonsFor(null, 'payload')).toEqual(['payload: expected an object, received null']);
  });

  it('describes wrong types, values and sizes in plain words', () => {
    expect(reasonsFor({ name: 7, kind: 'c', tags: ['x', 'y'] })).toEqual([
      'name: expected a string, received number',
      'kind: expected one of "a", "b"',
      'tags: expected at most 1 item',
    ]);
  });

  it('reports a missing enum value as required, like any other field', () => {
    expect(reasonsFor({ name: 'n', tags: [] })).toEqual(['kind: is required']);
  });

  it('prefixes every path and lists each unknown field on its own', () => {
    expect(reasonsFor({ name: 'n', kind: 'a', tags: [], x: 1, y: 2 }, 'payload')).toEqual([
      'payload.x: unknown field',
      'payload.y: unknown field',
    ]);
  });
});
