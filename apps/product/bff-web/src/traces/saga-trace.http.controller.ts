import { NotFoundError, validate } from '@checkout/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { sagaTraceView } from './saga-trace.view';
import { TraceStore } from './trace-store';

const CheckoutId = z.uuid({ error: 'expected a checkout id (UUID)' });

/** One checkout's trace, for the shop page's waterfall. */
@Controller('api/demo')
export class SagaTraceHttpController {
  constructor(private readonly store: TraceStore) {}

  @Get('saga/:id/trace')
  trace(@Param('id') id: string) {
    const traceId = this.store.traceIdOf(validate(CheckoutId, id, 'path parameter id'));
    if (!traceId) {
      throw new NotFoundError('TRACE.NOT_FOUND', 'No trace kept for this checkout (not traced, not exported yet, or expired)');
    }
    return sagaTraceView(traceId, this.store.trace(traceId));
  }
}
