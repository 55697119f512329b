import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { StripeErrorFilter } from './stripe-error.filter';

/**
 * A controller of the Stripe-compatible API: authenticated by API key and answering errors in
 * Stripe's format. Every /v1 controller uses this, so neither can be forgotten on one of them.
 */
export const StripeApiController = (path: string) =>
  applyDecorators(Controller(path), UseGuards(ApiKeyGuard), UseFilters(StripeErrorFilter));
