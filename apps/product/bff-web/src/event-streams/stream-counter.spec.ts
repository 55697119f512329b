import { StreamCounter } from './stream-counter';

describe('counting open event streams', () => {
  it('refuses a client past its own cap while others still get theirs', () => {
    const streams = new StreamCounter(2, 10);
    expect([streams.open('a'), streams.open('a'), streams.open('a')]).toEqual([true, true, false]);
    expect(streams.open('b')).toBe(true);
  });

  it('refuses everyone past the total cap', () => {
    const streams = new StreamCounter(5, 3);
    expect(['a', 'b', 'c', 'd'].map((client) => streams.open(client))).toEqual([true, true, true, false]);
  });

  it('gives a slot back when a stream closes, and never counts a close twice', () => {
    const streams = new StreamCounter(1, 1);
    streams.open('a');
    streams.close('a');
    streams.close('a');
    expect(streams.open('b')).toBe(true);
    expect(streams.open('a')).toBe(false);
  });
});
