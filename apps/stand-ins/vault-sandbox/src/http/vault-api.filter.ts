import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { AppError } from '@checkout/platform';
import type { Response } from 'express';
import { VaultApiError } from './vault-api.error';

/** Seconds a client should wait before retrying while the stand-in's own database is away. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Answers every failure of the Vault API routes as Vault does: `{ "errors": [...] }`. A stand-in
 * whose own database is away says 503 with Retry-After (Vault says 503 while sealed), never 500.
 */
@Catch()
export class VaultApiFilter implements ExceptionFilter {
  private readonly logger = new Logger('VaultApi');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof VaultApiError) {
      response.status(error.status).json({ errors: [error.message] });
    } else if (error instanceof HttpException) {
      // Unknown routes and unparsable bodies: Vault answers 404 with an empty list, 400 with a reason.
      const status = error.getStatus();
      response.status(status).json({ errors: status === HttpStatus.NOT_FOUND ? [] : [error.message] });
    } else if (isUnavailable(error)) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.json({ errors: ['storage unavailable; retry shortly'] });
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ errors: ['internal error'] });
    }
  }
}

/** The database guard's 503, a refused or dropped connection, or Postgres shutting down (57P0x). */
function isUnavailable(error: unknown): boolean {
  if (error instanceof AppError) return error.status === HttpStatus.SERVICE_UNAVAILABLE;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (/^(ECONN|ETIMEDOUT|EPIPE)/.test(code) || code.startsWith('57P') || code.startsWith('08'));
}
