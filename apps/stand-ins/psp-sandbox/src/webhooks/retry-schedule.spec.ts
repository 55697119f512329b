import { afterFailedAttempt, MAX_ATTEMPTS } from './retry-schedule';

describe('when a failed webhook delivery is tried again', () => {
  it('waits the base delay after the first failure, doubling after each further one', () => {
    const delays = [1, 2, 3, 4, 5].map((attempts) => afterFailedAttempt(attempts, 500));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000].map((delayMs) => ({ retry: true, delayMs })));
  });

  it('never waits longer than a minute', () => {
    expect(afterFailedAttempt(9, 500)).toEqual({ retry: true, delayMs: 60_000 });
  });

  it('gives up after the tenth attempt', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    expect(afterFailedAttempt(9, 500).retry).toBe(true);
    expect(afterFailedAttempt(10, 500)).toEqual({ retry: false });
  });
});
