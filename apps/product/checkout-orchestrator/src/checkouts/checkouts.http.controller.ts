import { ApiBodyFrom, ApiErrors, ApiQueryFrom, AppError, validate, withCheckoutId } from '@checkout/platform';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { context } from '@opentelemetry/api';
import { ApplyCheckoutEvents } from '../checkout-saga/apply-checkout-events.command';
import { CHECKOUT_STATES } from '../checkout-saga/checkout-saga.definition';
import type { SagaStep } from '../checkout-saga/saga-step.writer';
import { CheckoutViews } from './checkout-view';
import { StartCheckout } from './start-checkout.command';
import { IdempotencyKey, StartCheckoutBody } from './start-checkout.request';

const CheckoutId = z.uuid({ error: 'expected a checkout id (UUID)' });
const ListQuery = z.strictObject({
  state: z.enum(CHECKOUT_STATES, { error: `expected one of ${CHECKOUT_STATES.join(', ')}` }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('checkouts')
@Controller('api/checkouts')
export class CheckoutsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly views: CheckoutViews,
  ) {}

  /** Starts a checkout saga. 202: accepted, it runs on from here through messages. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiBodyFrom(StartCheckoutBody)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Retrying with the same key returns the same checkout' })
  @ApiResponse({ status: 202, description: 'Accepted: the saga runs on through messages' })
  @ApiErrors(400, 409, 503)
  start(@Body() body: unknown, @Headers('idempotency-key') key: unknown) {
    const idempotencyKey = validate(IdempotencyKey, key, 'header Idempotency-Key');
    return this.commands.execute(new StartCheckout(validate(StartCheckoutBody, body), idempotencyKey));
  }

  @Get()
  @ApiQueryFrom(ListQuery)
  @ApiErrors(400)
  list(@Query() query: unknown) {
    const { state, limit } = validate(ListQuery, query);
    return this.views.byState(state, limit);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The checkout id' })
  @ApiErrors(400, 404)
  get(@Param('id') id: string) {
    return this.views.byId(validate(CheckoutId, id, 'path parameter id'));
  }

  /** Operator: resume a Failed checkout's compensation (or refund). 409 if it is not Failed. */
  @Post(':id/resume')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiParam({ name: 'id', format: 'uuid', description: 'The checkout id' })
  @ApiErrors(400, 404, 409)
  resume(@Param('id') id: string) {
    const checkoutId = validate(CheckoutId, id, 'path parameter id');
    // Every line logged while resuming names the checkout, as a message handler's lines do.
    return withCheckoutId(checkoutId, () => this.resumeCheckout(checkoutId));
  }

  private async resumeCheckout(checkoutId: string) {
    await this.views.mustExist(checkoutId);
    const event = { type: 'ResumeRequested', payload: {} } as const;
    const input = { checkoutId, event, source: { kind: 'operator', requestId: randomUUID() }, trace: context.active() } as const;
    const [outcome]: SagaStep[] = await this.commands.execute(new ApplyCheckoutEvents([input]));
    if (!outcome) throw new AppError('CHECKOUT.NOT_RESUMABLE', 'Only a Failed checkout can be resumed', HttpStatus.CONFLICT);
    return { checkoutId, state: outcome.to };
  }
}
