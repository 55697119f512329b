import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError, NotFoundError } from './app-error';
import { ErrorFilter } from './error.filter';

function respond(error: unknown) {
  const sent: { status?: number; body?: unknown; headers?: Record<string, string> } = {};
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      sent.headers = { ...sent.headers, [name]: value };
    },
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
    expect(sent).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'CHECKOUT.BAD_ITEMS', message: 'Unknown sku', details: ['items.0.sku: unknown'] },
    });
  });

  it('tells a client when to retry a 503, as the error says or after 1 s', () => {
    expect(respond(new AppError('CHECKOUT.OVERLOADED', 'Busy', 503, undefined, 2)).headers).toEqual({ 'Retry-After': '2' });
    expect(respond(new AppError('DATABASE.UNAVAILABLE', 'Away', 503)).headers).toEqual({ 'Retry-After': '1' });
    expect(respond(new AppError('CHECKOUT.BAD_ITEMS', 'Unknown sku', 400)).headers).toBeUndefined();
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
});
