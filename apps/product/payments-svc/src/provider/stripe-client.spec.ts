import { withoutCallSite } from './stripe-client';

describe('calling the Stripe SDK without its call-site capture', () => {
  it('starts the call with no stack frames to capture, and restores the limit before the call goes on', async () => {
    const limit = Error.stackTraceLimit;
    let stackAtStart = '';
    let limitAfterAwait = -1;
    const result = await withoutCallSite(async () => {
      stackAtStart = new Error('captured').stack ?? ''; // as the SDK does before its request
      await Promise.resolve();
      limitAfterAwait = Error.stackTraceLimit;
      return 'answered';
    });
    expect(result).toBe('answered');
    expect(stackAtStart).toBe('Error: captured');
    expect(limitAfterAwait).toBe(limit);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('restores the limit when the call throws before it awaits anything', () => {
    const limit = Error.stackTraceLimit;
    expect(() =>
      withoutCallSite(() => {
        throw new Error('refused at once');
      }),
    ).toThrow('refused at once');
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
