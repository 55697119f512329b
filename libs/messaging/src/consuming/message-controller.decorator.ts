import { applyDecorators, ArgumentsHost, Catch, Controller, type RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter replaces any error with "Internal server error". The consumer
 * needs the error itself: its name and message are the retry and dead-letter reason an
 * operator reads. So a message controller's errors pass through unchanged.
 */
@Catch()
class PassErrorsToConsumer implements RpcExceptionFilter<unknown> {
  catch(error: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => error);
  }
}

/** A class of `@EventPattern('<message type>')` handlers, consumed through MessageTransport. */
export function MessageController(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new PassErrorsToConsumer()));
}
