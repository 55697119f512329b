import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { CheckoutApi } from './support/checkout-api';
import { failedCheckout, OPS_ACTIONS_PER_MINUTE, OPS_TOKEN, startClusterWithOpsToken } from './support/ops-console';
import { TestCluster } from './support/test-cluster';

interface ListedCheckout {
  checkoutId: string | null;
  state: string;
  stuck: boolean;
  resumable: boolean;
}
interface DeadLetter {
  messageId: string | null;
  reason: string | null;
  attempts: number;
  failedAt: string | null;
  correlationId: string | null;
  /** Null, as the ids, for anyone without the operator token. */
  body: string | null;
}
interface DeadLetters {
  actionsEnabled: boolean;
  services: { service: string; available: boolean; messages: DeadLetter[] }[];
}

describe('the operations console through the public edge', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;
  const edge = (path: string) => `${cluster.urlOf('bff-web')}${path}`;
  const action = (path: string, headers: Record<string, string> = {}, body: unknown = {}) =>
    fetch(edge(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    cluster = await TestCluster.create();
    await startClusterWithOpsToken(cluster);
    api = new CheckoutApi(cluster);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('a message a service cannot read', () => {
    const messageId = randomUUID();

    async function catalogLetter(after?: string): Promise<DeadLetter> {
      // Ready means able to write durably: the catalog may still be subscribing when this starts.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const view = (await (await fetch(edge('/api/ops/dead-letters'), { headers: bearer(OPS_TOKEN) })).json()) as DeadLetters;
        const letter = view.services.find((s) => s.service === 'catalog-svc')?.messages.find((m) => m.messageId === messageId);
        if (letter && (after === undefined || (letter.failedAt ?? '') > after)) return letter;
        if (Date.now() > deadline) throw new Error(`no dead letter ${messageId}${after ? ` failed after ${after}` : ''}: ${JSON.stringify(view)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it('is listed with its reason and attempts for anyone, its ids and body for the operator, and replayed only with the operator token', async () => {
      const connection = await connect(cluster.amqpUrl);
      const channel = await connection.createConfirmChannel();
      channel.sendToQueue('catalog-svc', Buffer.from('this is not JSON'), { messageId, persistent: true, contentType: 'application/json' });
      await channel.waitForConfirms();
      await connection.close();

      const letter = await catalogLetter();
      expect(letter).toMatchObject({ body: 'this is not JSON', attempts: expect.any(Number) });
      expect(letter.reason).toMatch(/^invalid JSON/);
      const listing = await (await fetch(edge('/api/ops/dead-letters'))).text();
      expect(listing).not.toMatch(/127\.0\.0\.1|localhost|amqp:\/\/|\bat \w+ \(/); // no internal address, no stack
      // Anyone sees that it is there and why; its ids and body (which carry a checkout id) are the operator's.
      const anonymous = (JSON.parse(listing) as DeadLetters).services.find((entry) => entry.service === 'catalog-svc')?.messages ?? [];
      expect(anonymous.find((entry) => entry.failedAt === letter.failedAt)).toMatchObject({ reason: letter.reason, messageId: null, correlationId: null, body: null });
      expect(listing).not.toContain(messageId);

      const refused = await action('/api/ops/dead-letters/catalog-svc/replay', {}, { messageId });
      expect(refused.status).toBe(401);
      expect((await action('/api/ops/dead-letters/catalog-svc/replay', bearer('not-the-operator-token'), { messageId })).status).toBe(403);
      expect((await catalogLetter()).failedAt).toBe(letter.failedAt); // refused means nothing moved

      const unknown = await action('/api/ops/dead-letters/bff-web/replay', bearer(OPS_TOKEN), { messageId });
      expect(unknown.status).toBe(400);

      const replay = await action('/api/ops/dead-letters/catalog-svc/replay', bearer(OPS_TOKEN), { messageId });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ service: 'catalog-svc', replayed: 1 });
      // It went back to the catalog's queue, was consumed again, and (still not JSON) failed anew.
      const again = await catalogLetter(letter.failedAt ?? '');
      expect(again.reason).toMatch(/^invalid JSON/);

      // "Replay all" takes everything the service holds, this letter included.
      const all = await action('/api/ops/dead-letters/catalog-svc/replay', bearer(OPS_TOKEN), {});
      expect(await all.json()).toEqual({ service: 'catalog-svc', replayed: 1 });
      await catalogLetter(again.failedAt ?? '');
    });
  });

  describe('a checkout whose compensation failed for good', () => {
    let checkoutId: string;

    beforeAll(async () => {
      checkoutId = await failedCheckout(cluster);
    });

    it('is listed first among the stuck ones, resumable, for anyone; its id only for the operator', async () => {
      const response = await fetch(edge('/api/ops/checkouts?stuck=1'));
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|postgres:\/\/|amqp:\/\//);
      const view = JSON.parse(text) as { actionsEnabled: boolean; checkouts: ListedCheckout[] };
      expect(view.actionsEnabled).toBe(true);
      expect(view.checkouts[0]).toMatchObject({ checkoutId: null, state: 'Failed', stuck: true, resumable: true });
      expect(text).not.toContain(checkoutId);
      expect(view.checkouts.every((c) => c.stuck)).toBe(true);
      const operator = (await (await fetch(edge('/api/ops/checkouts?stuck=1'), { headers: bearer(OPS_TOKEN) })).json()) as { checkouts: ListedCheckout[] };
      expect(operator.checkouts[0]).toMatchObject({ checkoutId, state: 'Failed' });
      // A wrong token reads as anonymous, and says nothing about the token.
      const guessed = await fetch(edge('/api/ops/checkouts?stuck=1'), { headers: bearer('not-the-operator-token') });
      expect([guessed.status, await guessed.text()]).toEqual([200, expect.not.stringContaining(checkoutId)]);
      expect((await fetch(edge('/api/ops/checkouts?stuck=yes'))).status).toBe(400);
    });

    it('is not resumed without the token (401), with a wrong one (403) or from another site (403)', async () => {
      const missing = await action(`/api/ops/checkouts/${checkoutId}/resume`);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await missing.json()).toMatchObject({ code: 'OPS.TOKEN_REQUIRED' });

      const wrong = await action(`/api/ops/checkouts/${checkoutId}/resume`, bearer('not-the-operator-token'));
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toMatchObject({ code: 'OPS.TOKEN_REFUSED' });

      const crossSite = await action(`/api/ops/checkouts/${checkoutId}/resume`, { ...bearer(OPS_TOKEN), origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      expect(await crossSite.json()).toMatchObject({ code: 'REQUEST.CROSS_SITE' });

      expect((await api.checkout(checkoutId)).state).toBe('Failed');
    });

    it('is resumed with the token, and finishes Cancelled once the catalog is back', async () => {
      const resume = await action(`/api/ops/checkouts/${checkoutId}/resume`, bearer(OPS_TOKEN));
      expect(resume.status).toBe(202);
      expect(await resume.json()).toEqual({ checkoutId, state: 'Compensating' });
      await cluster.start('catalog-svc').waitReady();
      const view = await api.settle(checkoutId, (v) => v.state === 'Cancelled', 30_000);
      expect(view.history.map((s) => s.event)).toContain('ResumeRequested');

      const again = await action(`/api/ops/checkouts/${checkoutId}/resume`, bearer(OPS_TOKEN));
      expect(again.status).toBe(409);
    });
  });

  describe('someone guessing the operator token', () => {
    it('is stopped by the operator rate limit (429 with Retry-After) after a few tries, right token or not', async () => {
      const guesses = await Promise.all(
        Array.from({ length: OPS_ACTIONS_PER_MINUTE + 1 }, (_, i) => fetch(edge('/api/ops/operator'), { headers: bearer(`guess-number-${i}`) })),
      );
      const statuses = guesses.map((r) => r.status);
      expect(statuses.filter((s) => s === 403)).toHaveLength(OPS_ACTIONS_PER_MINUTE);
      const limited = guesses.find((r) => r.status === 429);
      expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await fetch(edge('/api/ops/operator'), { headers: bearer(OPS_TOKEN) })).status).toBe(429);
      // Reads are not operator actions: looking stays open.
      expect((await fetch(edge('/api/ops/checkouts'))).status).toBe(200);
    });
  });
});
