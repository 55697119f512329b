import { validate } from '@checkout/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { OperatorAction } from './operator-action.decorator';
import { OpsCheckoutsService } from './ops-checkouts.service';
import { CONSUMING_SERVICES, OpsDeadLettersService } from './ops-dead-letters.service';

const ListQuery = z.strictObject({ stuck: z.enum(['0', '1'], { error: 'expected stuck=1 (only stuck ones) or stuck=0' }).optional() });
const CheckoutId = z.uuid({ error: 'expected a checkout id (UUID)' });
const Service = z.enum(CONSUMING_SERVICES, { error: `expected one of ${CONSUMING_SERVICES.join(', ')}` });
const ReplayRequest = z.strictObject({ messageId: z.uuid({ error: 'expected a message id (UUID)' }).optional() });

/**
 * The operations console's API: the one narrow door from the public edge to the services'
 * operator endpoints (docs/decisions/0022). Anyone may read; an action needs the operator
 * token. Actions also pass the edge's global guards: same origin, JSON only, rate limits
 * (a stricter one for them: RATE_LIMIT_OPS_ACTIONS_PER_MINUTE).
 */
@Controller('api/ops')
export class OpsConsoleHttpController {
  constructor(
    private readonly checkouts: OpsCheckoutsService,
    private readonly deadLetters: OpsDeadLettersService,
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
  ) {}

  /** Checkouts by state, stuck ones first; `?stuck=1` for only those. */
  @Get('checkouts')
  async listCheckouts(@Query() query: unknown) {
    const { stuck } = validate(ListQuery, query);
    return { actionsEnabled: this.actionsEnabled(), ...(await this.checkouts.list(stuck === '1')) };
  }

  @Post('checkouts/:id/resume')
  @HttpCode(HttpStatus.ACCEPTED)
  @OperatorAction()
  resume(@Param('id') id: string) {
    return this.checkouts.resume(validate(CheckoutId, id, 'path parameter id'));
  }

  @Get('dead-letters')
  async listDeadLetters() {
    return { actionsEnabled: this.actionsEnabled(), services: await this.deadLetters.list() };
  }

  /** `{ messageId }` replays one letter, `{}` all of the service's. */
  @Post('dead-letters/:service/replay')
  @HttpCode(HttpStatus.OK)
  @OperatorAction()
  replay(@Param('service') service: string, @Body() body: unknown) {
    const { messageId } = validate(ReplayRequest, body ?? {});
    return this.deadLetters.replay(validate(Service, service, 'path parameter service'), messageId);
  }

  /** Lets the page check a token before it shows any button: 204, or the guard's 401/403. */
  @Get('operator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @OperatorAction()
  operator(): void {
    return undefined;
  }

  /** Whether actions exist at all on this edge, so the page can leave their buttons out. */
  private actionsEnabled(): boolean {
    return this.config.OPS_TOKEN !== undefined;
  }
}
