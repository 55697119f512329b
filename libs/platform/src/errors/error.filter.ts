import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
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
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (body.statusCode >= 500 && !(error instanceof AppError)) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
    }
    if (response.headersSent) return;
    // A 503 is temporary by definition (a dependency away, or load shed): say when to retry,
    // so well-behaved clients back off instead of hammering a service that is recovering.
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(error instanceof AppError ? (error.retryAfterSeconds ?? 1) : 1));
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
    const clientStatus = bodyReaderStatus(error);
    if (clientStatus) {
      // body-parser refusing a body (too large, bad charset…): its status, not its wording.
      return { statusCode: clientStatus, code: httpCode(clientStatus), message: 'The request body was refused' };
    }
    if (error instanceof HttpException && error.getStatus() === HttpStatus.BAD_REQUEST) {
      // Nest turns a body it cannot parse into a 400 carrying the parser's own message;
      // the client gets a plain statement instead.
      return { statusCode: 400, code: 'REQUEST.MALFORMED', message: 'The request body is not valid JSON' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { statusCode: status, code: httpCode(status), message: publicMessage(error) };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side' };
  }
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
