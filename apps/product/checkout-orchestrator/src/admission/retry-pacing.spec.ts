import { MAX_RETRY_AFTER_SECONDS, RetryPacing } from './retry-pacing';

/** `refusals` refusals spread over a second in which `admissions` checkouts were admitted. */
function afterSecond(pacing: RetryPacing, admissions: number, refusals: number): number[] {
  for (let i = 0; i < admissions; i++) pacing.admitted(1_000 + i);
  return Array.from({ length: refusals }, (_, i) => pacing.refused(1_000 + (i % 900)));
}

describe('Retry-After for a refused checkout', () => {
  it('is one second while refusals are no more than admissions', () => {
    const answers = afterSecond(new RetryPacing(), 100, 80);
    expect(new Set(answers)).toEqual(new Set([1]));
  });

  it('grows with the overload: about ten seconds when ten are refused per admission', () => {
    const pacing = new RetryPacing(() => 0.5); // no jitter
    const answers = afterSecond(pacing, 50, 500);
    expect(answers.at(-1)).toBe(10);
  });

  it('is spread ±50 % so a burst of refused clients does not return together', () => {
    const answers = afterSecond(new RetryPacing(), 20, 400); // about 20 s
    const last = answers.slice(-200);
    expect(Math.min(...last)).toBeLessThanOrEqual(12);
    expect(Math.max(...last)).toBeGreaterThanOrEqual(25);
    expect(new Set(last).size).toBeGreaterThan(5);
  });

  it('never asks for more than half a minute, even with nothing admitted', () => {
    const answers = afterSecond(new RetryPacing(() => 0.99), 0, 1_000);
    expect(Math.max(...answers)).toBe(MAX_RETRY_AFTER_SECONDS);
  });

  it('falls back to one second once the overload is over', () => {
    const pacing = new RetryPacing(() => 0.5);
    afterSecond(pacing, 10, 300);
    expect(pacing.refused(5_000)).toBe(1);
  });
});
