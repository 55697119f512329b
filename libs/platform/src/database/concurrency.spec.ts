import { ConcurrencyConflictError, retryOnConflict } from './concurrency';

describe('retrying a transaction that lost a concurrency race', () => {
  it('runs it again until it stops conflicting', async () => {
    let runs = 0;
    const result = await retryOnConflict(async () => {
      runs++;
      if (runs < 3) throw new ConcurrencyConflictError('row changed');
      return 'saved';
    });
    expect(result).toBe('saved');
    expect(runs).toBe(3);
  });

  it('retries a Postgres serialization failure or deadlock', async () => {
    let runs = 0;
    await retryOnConflict(async () => {
      runs++;
      if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    expect(runs).toBe(2);
  });

  it('does not retry any other error', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw new Error('unique violation');
      }),
    ).rejects.toThrow('unique violation');
    expect(runs).toBe(1);
  });

  it('gives up after the given number of attempts', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw new ConcurrencyConflictError('always');
      }, 4),
    ).rejects.toThrow(ConcurrencyConflictError);
    expect(runs).toBe(4);
  });
});
