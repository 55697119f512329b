import type { BrokerConnection, ConfirmPublisher } from '@checkout/messaging';
import type { DatabaseService } from '@checkout/platform';
import type { OutboxMetrics } from '../outbox.metrics';
import { OutboxSettings } from '../outbox.settings';
import { OutboxRelay } from './outbox-relay';

/** A relay with nothing behind it: its passes are the test's, its wake-ups counted. */
function relay() {
  const database = { onCredentialsRotated: () => undefined } as unknown as DatabaseService;
  const subject = new OutboxRelay(database, {} as BrokerConnection, {} as ConfirmPublisher, new OutboxSettings({ schema: 'widgets' }), {} as OutboxMetrics);
  const internals = subject as unknown as { loop: { wake: () => void }; onCommitted: (payload: string) => void; claimPublishMark: () => Promise<number> };
  const wake = jest.spyOn(internals.loop, 'wake').mockImplementation(() => undefined);
  let finish: (rows: number) => void = () => undefined;
  internals.claimPublishMark = () => new Promise<number>((resolve) => (finish = resolve));
  return { subject, wake, committed: () => internals.onCommitted('42'), finishPass: (rows: number) => finish(rows) };
}

describe('the relay, told of a commit', () => {
  it('starts a pass at once when none is running', () => {
    const { wake, committed } = relay();
    committed();
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('during a pass, starts no second one beside it but one right after it, for every commit meanwhile', async () => {
    const { subject, wake, committed, finishPass } = relay();
    const pass = subject.relayBatch();
    committed();
    committed();
    expect(wake).not.toHaveBeenCalled();
    finishPass(1);
    await pass;
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('after a pass with no commit meanwhile, starts none', async () => {
    const { subject, wake, finishPass } = relay();
    const pass = subject.relayBatch();
    finishPass(3);
    await pass;
    expect(wake).not.toHaveBeenCalled();
  });
});
