import { formatClock, formatOffsetMs, formatSeconds, offsetMs } from './time';

describe('the time column of the choreography', () => {
  it('counts milliseconds from the first row', () => {
    expect(offsetMs('2025-01-01T12:00:01.204Z', '2025-01-01T12:00:00.000Z')).toBe(1204);
    expect(formatOffsetMs(1204)).toBe('+1,204 ms');
  });

  it('shows the first row as +0 ms and never a negative offset', () => {
    expect(formatOffsetMs(0)).toBe('+0 ms');
    expect(formatOffsetMs(-3)).toBe('+0 ms');
  });
});

describe('the time column of the event log', () => {
  it('shows the wall clock to the millisecond', () => {
    expect(formatClock('2025-01-01T09:05:07.045Z', 'UTC')).toBe('09:05:07.045');
  });
});

describe('an age on the health dashboard', () => {
  it('reads naturally from seconds to hours', () => {
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(120)).toBe('2 min');
    expect(formatSeconds(185)).toBe('3 min 5 s');
    expect(formatSeconds(7800)).toBe('2 h 10 min');
  });
});
