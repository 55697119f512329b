import { HttpStatus } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** How long a client should wait before trying again while the database comes back. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * The service's database cannot be used right now (still connecting, restarting, its
 * connections were cut). Nothing was changed; the same request can simply be sent again,
 * so it is answered 503 with `Retry-After`, never 500.
 */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(
      'DATABASE.UNAVAILABLE',
      'The service cannot reach its database right now; try again shortly',
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

/**
 * Postgres SQLSTATEs that mean "the server or the connection went away", not "your query was
 * wrong": class 08 (connection exception), the shutdown family of class 57 (a backend killed
 * by `pg_terminate_backend`, a server stopping or still starting), and too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SQLSTATE_CLASSES = ['08'];

/** Socket errors on the way to Postgres. */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * What `pg`, `pg-pool` and TypeORM throw, with no code, when a connection is lost or cannot be
 * had: matched by message because these libraries give them no other identity.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // pg: the socket closed under a query (also "… due to connection timeout")
  /is not queryable$/, // pg: a client whose connection already failed
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /^Driver not Connected$/, // TypeORM: the DataSource was destroyed or never initialised
  /^Cannot use a pool after calling end on the pool$/, // pg-pool during shutdown
];

/**
 * Whether `error` (or what it wraps: TypeORM's `driverError`, an `Error.cause`) says the
 * database could not be used, as opposed to a bug or a constraint the request broke.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  if (error instanceof DatabaseUnavailableError) return true;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || SOCKET_ERRORS.has(code)) return true;
    if (code.length === 5 && UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
