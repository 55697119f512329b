import { AppError } from '@checkout/platform';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { CounterStorage } from './counter-storage';

describe('rate-limit counters while Redis is away', () => {
  const away: ThrottlerStorage = { increment: () => Promise.reject(new Error('Connection is closed.')) };
  const storage = new CounterStorage(away, ['chaos', 'operator']);

  it('let reads and checkouts through uncounted', async () => {
    await expect(storage.increment('k', 60_000, 600, 0, 'default')).resolves.toMatchObject({ isBlocked: false });
    await expect(storage.increment('k', 60_000, 20, 0, 'starts')).resolves.toMatchObject({ isBlocked: false });
  });

  it.each(['chaos', 'operator'])('refuse a "%s" request with 503 and a retry, never uncounted', async (throttler) => {
    const refusal = await storage.increment('k', 60_000, 6, 0, throttler).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ status: 503, code: 'RATE_LIMITS.UNAVAILABLE', retryAfterSeconds: 5 });
  });

  it('count as usual when Redis answers', async () => {
    const record = { totalHits: 7, timeToExpire: 1, isBlocked: true, timeToBlockExpire: 1 };
    const counting = new CounterStorage({ increment: () => Promise.resolve(record) }, ['chaos']);
    await expect(counting.increment('k', 60_000, 6, 0, 'chaos')).resolves.toBe(record);
  });
});
