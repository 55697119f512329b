import { ApiBodyFrom, ApiErrors, validate } from '@checkout/platform';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { CountsAsStart } from '../rate-limits/counts-as-start.decorator';
import { DemoService } from './demo.service';
import { SCENARIO_NAMES } from './scenarios';

const StartRequest = z.strictObject({
  scenario: z.enum(SCENARIO_NAMES, { error: `expected one of ${SCENARIO_NAMES.join(', ')}` }),
});
const CheckoutId = z.uuid({ error: 'expected a checkout id (UUID)' });
const OptionalKey = z.string().min(8).max(128).regex(/^[\x21-\x7e]+$/).optional();

/** The demo page's API: the public edge in front of the cluster. */
@ApiTags('shop')
@Controller('api/demo')
export class DemoHttpController {
  constructor(
    private readonly demo: DemoService,
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
  ) {}

  @Get('order')
  order() {
    return this.demo.order();
  }

  /** Starts a checkout for this visitor; rate-limited harder than reads (see AppModule). */
  @Post('saga/start')
  @HttpCode(HttpStatus.ACCEPTED)
  @CountsAsStart()
  @ApiBodyFrom(StartRequest, 'The scenario picks a real input for this checkout only (a declined card, no stock, …)')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the same checkout' })
  @ApiResponse({ status: 202, description: 'Accepted: `{ checkoutId }`; follow it at /api/demo/saga/{id}/events' })
  @ApiErrors(400, 403, 415, 429, 503)
  start(@Body() body: unknown, @Headers('idempotency-key') key: unknown) {
    const { scenario } = validate(StartRequest, body ?? {});
    return this.demo.start(scenario, validate(OptionalKey, key, 'header Idempotency-Key'));
  }

  @Get('saga/:id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The checkout id' })
  @ApiErrors(400, 404, 503)
  checkout(@Param('id') id: string) {
    return this.demo.checkout(validate(CheckoutId, id, 'path parameter id'));
  }

  @Get('saga-definition')
  sagaDefinition() {
    return this.demo.sagaDefinition();
  }

  @Get('config')
  uiConfig() {
    return { repoBaseUrl: this.config.REPO_BASE_URL };
  }
}
