import { Body, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { sendIdempotent } from '../idempotency/idempotent-response';
import { StripeApiController } from '../stripe-api/stripe-api-controller.decorator';
import type { StripeRefund } from './refund.view';
import { RefundsService } from './refunds.service';

/** Stripe's `/v1/refunds`: create and retrieve. */
@StripeApiController('v1/refunds')
export class RefundsHttpController {
  constructor(private readonly refunds: RefundsService) {}

  @Post()
  @HttpCode(HttpStatus.OK) // Stripe answers a create with 200, not 201
  async create(
    @Body() params: unknown,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StripeRefund> {
    return sendIdempotent(response, await this.refunds.create(params, idempotencyKey));
  }

  @Get(':id')
  retrieve(@Param('id') id: string): Promise<StripeRefund> {
    return this.refunds.retrieve(id);
  }
}
