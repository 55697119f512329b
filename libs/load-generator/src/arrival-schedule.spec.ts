import { dueArrivals } from './arrival-schedule';

describe('the open-loop arrival schedule', () => {
  it('starts the first checkout at once', () => {
    expect(dueArrivals(0, 100, 0)).toBe(1);
  });

  it('keeps the offered rate: 100/s for 1.5 s is 151 arrivals including the first', () => {
    expect(dueArrivals(1500, 100, 0)).toBe(151);
    expect(dueArrivals(1500, 100, 151)).toBe(0);
  });

  it('catches up after a late tick instead of dropping arrivals', () => {
    expect(dueArrivals(500, 200, 11)).toBe(90);
  });
});
