import { Body, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { sendIdempotent } from '../idempotency/idempotent-response';
import { StripeApiController } from '../stripe-api/stripe-api-controller.decorator';
import type { StripeCheckoutSession } from './checkout-session.view';
import { CheckoutSessionsService } from './checkout-sessions.service';

/** Stripe's `/v1/checkout/sessions`: create, retrieve and expire (the subset payments-svc uses). */
@StripeApiController('v1/checkout/sessions')
export class CheckoutSessionsHttpController {
  constructor(private readonly sessions: CheckoutSessionsService) {}

  @Post()
  @HttpCode(HttpStatus.OK) // Stripe answers a create with 200, not 201
  async create(
    @Body() params: unknown,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StripeCheckoutSession> {
    return sendIdempotent(response, await this.sessions.create(params, idempotencyKey));
  }

  @Post(':id/expire')
  @HttpCode(HttpStatus.OK)
  async expire(
    @Param('id') id: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StripeCheckoutSession> {
    return sendIdempotent(response, await this.sessions.expire(id, idempotencyKey));
  }

  @Get(':id')
  retrieve(@Param('id') id: string): Promise<StripeCheckoutSession> {
    return this.sessions.retrieve(id);
  }
}
