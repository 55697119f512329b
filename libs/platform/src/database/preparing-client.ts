import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { Client, type ClientConfig } from 'pg';

/**
 * How many distinct statements a process prepares. The services' statements are fixed texts (a
 * few dozen per service); a text built per call, which would prepare without end, runs
 * unprepared once the cap is reached.
 */
export const MAX_PREPARED_STATEMENTS = 500;

const names = new Map<string, string>();

/** The prepared statement's name for `text`: the same in every connection, or none past the cap. */
export function preparedName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
    name = `p_${createHash('sha1').update(text).digest('base64url').slice(0, 27)}`;
    names.set(text, name);
  }
  return name;
}

type Query = (this: Client, ...args: unknown[]) => unknown;

/**
 * A connection that parses and plans each parameterised statement once and then only binds and
 * executes it. node-postgres sends every statement unnamed unless told a name, so Postgres
 * parses and plans it again on each call: for the services' statements (CTEs over `unnest`,
 * conditional updates) that was most of the server's work per statement and a third of the
 * client's (measured for a batch inbox insert: 126–164 → 39–43 µs of server CPU, 72–102 →
 * 52–61 µs of client CPU). The name comes from the text, so a statement is prepared once per
 * connection, the first time that connection runs it; a new connection (a pool's growth, a
 * rotated login, a move onto the fault proxy) prepares again by itself.
 *
 * Only calls in the plain form `query(text, values[, callback])` with at least one value are
 * named; statements without values (BEGIN, COMMIT, a multi-statement text) and calls given a
 * query object run as they were written.
 *
 * It also pipelines: statements issued together (`Promise.all` of a transaction's independent
 * writes) go to the server without waiting for each other's answers, in one socket write, and
 * are executed in the order issued, each with its own result or error. node-postgres would
 * otherwise send each only once the previous one is answered: a round trip, with a wake-up of
 * each side, per statement. A statement awaited before the next is issued runs as before. In a
 * transaction, a statement that fails aborts it, so the ones behind it fail too and nothing of
 * it commits, exactly as when they are sent one by one.
 */
export class PreparingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(typeof config === 'string' ? { connectionString: config, pipeline: true } : { ...config, pipeline: true });
  }
}

/**
 * Holds back `client`'s socket writes until the statements of this turn of the event loop are
 * all issued (a tick after the promise jobs that issue them), then sends them in one write.
 */
function gatherWrites(client: Client): void {
  const stream = (client as unknown as { connection: { stream: Writable } }).connection.stream;
  // Already held back this turn (node-postgres corks only inside a statement's own submission).
  if (stream.writableCorked > 0) return;
  stream.cork();
  process.nextTick(() => stream.uncork());
}

Object.defineProperty(PreparingClient.prototype, 'query', {
  configurable: true,
  writable: true,
  value: function query(this: Client, config: unknown, values?: unknown, callback?: unknown): unknown {
    // Looked up on each call, so that what wraps pg's own query (tracing) stays in the path.
    const base = Client.prototype.query as Query;
    gatherWrites(this);
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = preparedName(config);
      if (name !== undefined) {
        const named = { name, text: config, values };
        return callback === undefined ? base.call(this, named) : base.call(this, named, callback);
      }
    }
    return base.call(this, config, values, callback);
  },
});
