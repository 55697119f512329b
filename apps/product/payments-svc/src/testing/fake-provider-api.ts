import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The form body as the SDK encodes it: `line_items[0][price_data][unit_amount]` → '3999'. */
  readonly form: Readonly<Record<string, string>>;
}

export interface ProviderReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The fields of a Checkout Session the fake keeps, as Stripe names them. */
export interface FakeSession {
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  payment_intent: string | null;
  amount_total: number;
  currency: string;
}

/** The fields of a PaymentIntent the fake keeps. */
export interface FakeIntent {
  status: 'succeeded' | 'requires_payment_method' | 'processing';
  metadata: Record<string, string>;
}

/**
 * A test double of the provider's HTTP API, only the endpoints payments-svc calls, answering
 * with Stripe-shaped JSON. It records what the SDK sent so tests can assert the amount, the
 * metadata and the idempotency key. The real stand-in (psp-sandbox) is another app, which a
 * service may not import; the two meet in the cluster end-to-end tests.
 */
export class FakeProviderApi {
  readonly requests: ProviderRequest[] = [];
  private readonly scripted: ProviderReply[] = [];
  private holdMs = 0;
  private created = 0;
  private readonly sessions = new Map<string, FakeSession>();
  private readonly sessionOfCheckout = new Map<string, string>();
  private readonly intents = new Map<string, FakeIntent>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeProviderApi> {
    const server = createServer();
    const api = new FakeProviderApi(server);
    server.on('request', (request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const recorded = {
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: request.headers,
          form: Object.fromEntries(new URLSearchParams(body)),
        };
        api.requests.push(recorded);
        const reply = api.scripted.shift() ?? api.answer(recorded);
        const hold = api.holdMs;
        api.holdMs = 0;
        setTimeout(() => send(response, reply), hold);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `times` requests, whatever their endpoint, get `reply` instead of success. */
  replyNext(reply: ProviderReply, times = 1): void {
    for (let i = 0; i < times; i++) this.scripted.push(reply);
  }

  /** The next request is answered only after `ms`: a slow provider, to widen a race on purpose. */
  holdNext(ms: number): void {
    this.holdMs = ms;
  }

  /** What the provider will say about a session from now on (a test's "the customer paid"). */
  setSession(id: string, session: FakeSession): void {
    this.sessions.set(id, session);
  }

  /** What the provider will say about a payment intent from now on. */
  setIntent(id: string, intent: FakeIntent): void {
    this.intents.set(id, intent);
  }

  /** The id of the session opened for a checkout (its `client_reference_id`), once answered. */
  sessionIdOf(checkoutId: string): string | undefined {
    return this.sessionOfCheckout.get(checkoutId);
  }

  requestsTo(path: string): ProviderRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: ProviderRequest): ProviderReply {
    const n = ++this.created;
    const { form } = request;
    if (request.method === 'POST' && request.path === '/v1/checkout/sessions') {
      const body = {
        id: `cs_test_fake_${n}`,
        object: 'checkout.session',
        mode: 'payment',
        status: 'open',
        payment_status: 'unpaid',
        client_reference_id: form['client_reference_id'],
        amount_total: Number(form['line_items[0][price_data][unit_amount]']),
        currency: form['line_items[0][price_data][currency]'],
        metadata: metadataOf(form),
        expires_at: Math.floor(Date.now() / 1000) + 24 * 3600,
        url: `${this.url}/pay/cs_test_fake_${n}`,
      };
      this.sessionOfCheckout.set(form['client_reference_id'], body.id);
      this.sessions.set(body.id, { status: 'open', payment_status: 'unpaid', payment_intent: null, amount_total: body.amount_total, currency: body.currency });
      return { status: 200, body };
    }
    const session = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(request.path);
    if (session) return this.answerSession(request.method, session[1], session[2] !== undefined);
    const intent = /^\/v1\/payment_intents\/([^/]+)$/.exec(request.path);
    if (intent && request.method === 'GET') {
      const known = this.intents.get(intent[1]);
      if (!known) return invalidRequest(404, 'resource_missing', `No such payment_intent: '${intent[1]}'`);
      return { status: 200, body: { id: intent[1], object: 'payment_intent', ...known } };
    }
    if (request.method === 'POST' && request.path === '/v1/refunds') {
      const body = {
        id: `re_test_fake_${n}`,
        object: 'refund',
        amount: Number(form['amount']),
        payment_intent: form['payment_intent'],
        status: 'succeeded',
        metadata: metadataOf(form),
      };
      return { status: 200, body };
    }
    return invalidRequest(404, 'resource_missing', `Unrecognized request URL (${request.method}: ${request.path})`);
  }

  /** Retrieve, or expire with Stripe's rule: only an open session can be expired. */
  private answerSession(method: string, id: string, expire: boolean): ProviderReply {
    const session = this.sessions.get(id);
    if (!session) return invalidRequest(404, 'resource_missing', `No such checkout.session: '${id}'`);
    if (expire && method === 'POST') {
      if (session.status !== 'open') return invalidRequest(400, 'checkout_session_not_open', 'Only open Checkout Sessions can be expired.');
      session.status = 'expired';
    }
    return { status: 200, body: { id, object: 'checkout.session', ...session } };
  }
}

/** A Stripe-shaped error reply, as the SDK expects it. */
export function invalidRequest(status: number, code: string, message: string): ProviderReply {
  return { status, body: { error: { type: 'invalid_request_error', code, message } } };
}

/** A 5xx the SDK must not retry on its own, so the test sees our consumer's retry instead. */
export function providerOutage(): ProviderReply {
  return {
    status: 500,
    body: { error: { type: 'api_error', message: 'An unknown error occurred' } },
    headers: { 'Stripe-Should-Retry': 'false' },
  };
}

/** `metadata[checkoutId]=…` back into an object. */
function metadataOf(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).flatMap(([key, value]) => {
      const match = /^metadata\[([^\]]+)\]$/.exec(key);
      return match ? [[match[1], value]] : [];
    }),
  );
}

function send(response: ServerResponse, reply: ProviderReply): void {
  response.writeHead(reply.status, { 'Content-Type': 'application/json', 'Request-Id': 'req_fake', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}
