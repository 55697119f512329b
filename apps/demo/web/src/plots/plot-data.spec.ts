import { alignLines, pointCount, type PlotLine } from './plot-data';

describe('lines put on one time axis', () => {
  it('keeps each value at its own time and leaves a gap where a line has no sample', () => {
    const lines: PlotLine[] = [
      { name: 'bff-web', points: [[10, 1], [20, 2], [30, 3]] },
      { name: 'catalog-svc', points: [[20, 5], [30, null]] },
    ];
    expect(alignLines(lines)).toEqual([
      [10, 20, 30],
      [1, 2, 3],
      [null, 5, null],
    ]);
  });

  it('sorts times that arrive out of order', () => {
    expect(alignLines([{ name: 'a', points: [[30, 3], [10, 1]] }])).toEqual([[10, 30], [1, 3]]);
  });

  it('has only an empty axis for no lines', () => {
    expect(alignLines([])).toEqual([[]]);
  });

  it('counts only samples that hold a number', () => {
    expect(pointCount([{ name: 'a', points: [[10, 0], [20, null]] }, { name: 'b', points: [[10, 4]] }])).toBe(2);
  });
});
