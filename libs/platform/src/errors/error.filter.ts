import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError, isDatabaseUnavailable } from '../database/database-unavailable';
import { AppError } from './app-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: readonly string[];
}

/**
 * The only place an error becomes an HTTP response. Clients get a status, a stable code and a
 * message written for them; stack traces and driver messages stay in the log.
 *
 * A database that cannot be used (still connecting, restarting, connections terminated) is
 * recognised here, once for every service, and answered 503 with `Retry-After`: the request
 * changed nothing (its transaction did not commit) and can be sent again.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const unavailable = !(error instanceof AppError) && isDatabaseUnavailable(error);
    const body = this.toBody(unavailable ? new DatabaseUnavailableError() : error);
    if (unavailable) {
      this.logger.warn(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    } else if (body.statusCode >= 500 && !(error instanceof AppError)) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
    }
    if (response.headersSent) return;
    // A 503 is temporary by definition (a dependency away, or load shed): say when to retry,
    // so well-behaved clients back off instead of hammering a service that is recovering.
    // A refusal that knows when it ends (a 429 of a budget, say) says so the same way.
    const seconds = error instanceof AppError ? error.retryAfterSeconds : undefined;
    if ((body.statusCode === HttpStatus.SERVICE_UNAVAILABLE || seconds !== undefined) && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', String(seconds ?? DATABASE_RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof AppError) {
      return { statusCode: error.status, code: error.code, message: error.message, details: error.details };
    }
    if (isBodyParserError(error)) {
      return { statusCode: 400, code: 'REQUEST.MALFORMED', message: 'The request body is not valid JSON' };
    }
    if (isPathDecodeError(error)) {
      return { statusCode: 400, code: 'REQUEST.BAD_PATH', message: 'The request path holds a parameter that is not valid percent-encoding' };
    }
    const clientStatus = bodyReaderStatus(error);
    if (clientStatus) {
      // body-parser refusing a body (too large, bad charset…): its status, not its wording.
      return { statusCode: clientStatus, code: httpCode(clientStatus), message: 'The request body was refused' };
    }
    if (error instanceof HttpException && error.getStatus() === HttpStatus.BAD_REQUEST && /JSON/.test(error.message)) {
      // Nest turns a body it cannot parse into a 400 carrying the parser's own message
      // ("Unexpected token } in JSON at position 9"); the client gets a plain statement instead.
      return { statusCode: 400, code: 'REQUEST.MALFORMED', message: 'The request body is not valid JSON' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { statusCode: status, code: httpCode(status), message: publicMessage(error) };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side' };
  }
}

/**
 * Express cannot decode a path parameter such as `%ff%fe`; Nest hands it on as a 400 whose
 * message is Express's ("Failed to decode param …").
 */
function isPathDecodeError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (error instanceof URIError || error instanceof HttpException) && message.startsWith('Failed to decode param');
}

function isBodyParserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: string }).type === 'entity.parse.failed';
}

/** A 4xx set by the HTTP body reader (it marks the errors it raises with `expose`). */
function bodyReaderStatus(error: unknown): number | undefined {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function httpCode(status: number): string {
  return `HTTP.${HttpStatus[status] ?? status}`;
}

function publicMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : error.message;
}
