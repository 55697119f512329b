import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError, TypeORMError } from 'typeorm';
import { AppError, NotFoundError } from './app-error';
import { DATABASE_RETRY_AFTER_SECONDS } from '../database/database-unavailable';
import { ErrorFilter } from './error.filter';

function respond(error: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    headersSent: false,
    getHeader: (name: string) => sent.headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(error, host);
  return sent;
}

describe('turning errors into HTTP responses', () => {
  it('answers an AppError with its status, code, message and details', () => {
    const sent = respond(new AppError('CHECKOUT.BAD_ITEMS', 'Unknown sku', 400, ['items.0.sku: unknown']));
    expect(sent).toMatchObject({
      status: 400,
      body: { statusCode: 400, code: 'CHECKOUT.BAD_ITEMS', message: 'Unknown sku', details: ['items.0.sku: unknown'] },
    });
  });

  it('tells a client when to retry a 503, as the error says or after the default', () => {
    expect(respond(new AppError('CHECKOUT.OVERLOADED', 'Busy', 503, undefined, 5)).headers).toEqual({ 'retry-after': '5' });
    expect(respond(new AppError('DATABASE.UNAVAILABLE', 'Away', 503)).headers).toEqual({ 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
    expect(respond(new AppError('CHECKOUT.BAD_ITEMS', 'Unknown sku', 400)).headers).toEqual({});
  });

  it('tells a client when a refusal that knows its end (a 429) may be tried again', () => {
    expect(respond(new AppError('CHAOS.COOLING_DOWN', 'Resting', 429, undefined, 17)).headers).toEqual({ 'retry-after': '17' });
  });

  it('answers a NotFoundError with 404', () => {
    expect(respond(new NotFoundError('CHECKOUT.NOT_FOUND', 'No such checkout')).status).toBe(404);
  });

  it('keeps the message of a Nest HTTP exception', () => {
    expect(respond(new NotFoundException('Cannot GET /nope')).body).toEqual({
      statusCode: 404,
      code: 'HTTP.NOT_FOUND',
      message: 'Cannot GET /nope',
    });
  });

  it('answers malformed JSON with 400 and no parser internals', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), {
      type: 'entity.parse.failed',
    });
    expect(respond(parseError).body).toEqual({
      statusCode: 400,
      code: 'REQUEST.MALFORMED',
      message: 'The request body is not valid JSON',
    });
  });

  it('answers the 400 Nest makes of an unparsable body without the parser message', () => {
    expect(respond(new BadRequestException('Expected property name or \'}\' in JSON at position 1')).body).toEqual({
      statusCode: 400,
      code: 'REQUEST.MALFORMED',
      message: 'The request body is not valid JSON',
    });
  });

  it('passes on the 4xx status of a body the reader refused, without its wording', () => {
    const tooLarge = Object.assign(new Error('request entity too large, limit 102400'), { status: 413, expose: true, type: 'entity.too.large' });
    expect(respond(tooLarge).body).toEqual({ statusCode: 413, code: 'HTTP.PAYLOAD_TOO_LARGE', message: 'The request body was refused' });
  });

  it('hides the message and stack of an unexpected error behind a plain 500', () => {
    const sent = respond(new Error('relation "catalog.secret" does not exist'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('relation');
    expect(sent.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side' });
  });

  it('names a path parameter that is not valid percent-encoding, not the body', () => {
    // What Nest makes of Express's URIError for GET /api/demo/saga/%ff%fe.
    const sent = respond(new BadRequestException("Failed to decode param '%ff%fe'"));
    expect(sent.body).toEqual({
      statusCode: 400,
      code: 'REQUEST.BAD_PATH',
      message: 'The request path holds a parameter that is not valid percent-encoding',
    });
  });

  it('passes on the message of another 400 instead of blaming the body', () => {
    expect(respond(new BadRequestException('Idempotency-Key: too short')).body).toMatchObject({ message: 'Idempotency-Key: too short' });
  });
});

describe('a database that cannot be used', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it.each([
    ['a backend terminated by pg_terminate_backend', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server that is still starting', pgError('57P03', 'the database system is starting up')],
    ['a socket cut under a query', new Error('Connection terminated unexpectedly')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['no connection from the pool in time', new Error('timeout exceeded when trying to connect')],
    ['a DataSource that is not connected', new TypeORMError('Driver not Connected')],
    ['a lost connection wrapped as a cause', new Error('commit failed', { cause: new Error('Connection terminated') })],
  ])('answers %s with 503, Retry-After and no driver wording', (_, error) => {
    const sent = respond(error);
    expect(sent.status).toBe(503);
    expect(Number(sent.headers['retry-after'])).toBeGreaterThan(0);
    expect(sent.body).toEqual({ statusCode: 503, code: 'DATABASE.UNAVAILABLE', message: expect.any(String) });
    expect(JSON.stringify(sent.body)).not.toMatch(/terminat|ECONNREFUSED|Driver/);
  });

  it('still answers a query that broke a constraint as a plain 500: that is a bug, not an outage', () => {
    const sent = respond(new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value violates unique constraint')));
    expect([sent.status, sent.headers['retry-after']]).toEqual([500, undefined]);
  });
});
