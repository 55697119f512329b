import { headingIds } from './heading-ids';

describe('anchors for the headings of an article', () => {
  it('match the ones GitHub generates, so links written there work here', () => {
    const idFor = headingIds();
    expect(idFor('Why not two-phase commit?')).toBe('why-not-two-phase-commit');
    expect(idFor('The `outbox` table')).toBe('the-outbox-table');
  });

  it('stay unique when a heading repeats', () => {
    const idFor = headingIds();
    expect([idFor('Example'), idFor('Example'), idFor('Example')]).toEqual(['example', 'example-1', 'example-2']);
  });
});
