import { TraceAwareLogger } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import request from 'supertest';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';

describe("the orchestrator's log lines while it handles a request about a checkout", () => {
  const database = uniqueName('orchestrator');
  const vhost = uniqueName('orchestrator');
  const lines: Record<string, unknown>[] = [];
  let app: INestApplication;
  let write: jest.SpyInstance;

  beforeAll(async () => {
    // What the service's tracing set-up installs: the context that carries the checkout id.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    app = await startOrchestrator(database, vhost);
    app.useLogger(new TraceAwareLogger('checkout-orchestrator', { json: true }));
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
    context.disable();
  });

  beforeEach(() => {
    lines.length = 0;
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    });
  });

  afterEach(() => write.mockRestore());

  it('name the checkout a resume was asked for, as a message handler’s lines do', async () => {
    const checkoutId = await seedCheckout(app, 'Completed');

    await request(app.getHttpServer()).post(`/api/checkouts/${checkoutId}/resume`).expect(409);

    const ignored = lines.find((line) => String(line.message).startsWith('ResumeRequested not accepted'));
    expect(ignored).toMatchObject({ context: 'CheckoutSaga', checkout_id: checkoutId });
  });

  it('name no checkout once the request is over', async () => {
    new TraceAwareLogger('test', { json: true }).log('between requests');
    expect(lines.find((line) => line.message === 'between requests')).not.toHaveProperty('checkout_id');
  });
});
