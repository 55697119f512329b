import { createVhost, deleteVhost, dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { countRows, reservationRequest, startOutboxApp, TEST_SCHEMA } from '../testing/outbox-test-app';
import { Inbox } from './inbox';

describe('the inbox forgetting old messages', () => {
  const database = uniqueName('inbox_cleanup');
  const vhost = uniqueName('test_inbox_cleanup');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOutboxApp({
      database,
      amqpUrl: await createVhost(vhost),
      exchange: uniqueName('test.inbox'),
      // No relay in this process: forgetting is the inbox's own business.
      outbox: { relay: false, inboxRetentionMs: 400, cleanupIntervalMs: 100 },
    });
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  const inboxRows = () => countRows(app, `${TEST_SCHEMA}.inbox`);

  it('keeps a message for its retention, so a duplicate is still recognised, then deletes it', async () => {
    const message = reservationRequest();
    const inbox = app.get(Inbox);
    expect(await inbox.runOnce('test-consumer', message, async () => undefined)).toBe('handled');
    await sleep(150); // a clean-up pass or two within the retention
    expect(await inbox.runOnce('test-consumer', message, async () => undefined)).toBe('duplicate');
    expect(await inboxRows()).toBe(1);

    await eventually(async () => (await inboxRows()) === 0, 5_000, 'inbox clean-up');
  });
});
