import { validate } from '@checkout/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { anonymousCheckout, anonymousDeadLetter } from './anonymous-view';
import { OperatorAction } from './operator-action.decorator';
import { operatorAccess } from './operator-token';
import { OpsCheckoutsService } from './ops-checkouts.service';
import { CONSUMING_SERVICES, OpsDeadLettersService } from './ops-dead-letters.service';

const ListQuery = z.strictObject({ stuck: z.enum(['0', '1'], { error: 'expected stuck=1 (only stuck ones) or stuck=0' }).optional() });
const CheckoutId = z.uuid({ error: 'expected a checkout id (UUID)' });
const Service = z.enum(CONSUMING_SERVICES, { error: `expected one of ${CONSUMING_SERVICES.join(', ')}` });
const ReplayRequest = z.strictObject({ messageId: z.uuid({ error: 'expected a message id (UUID)' }).optional() });

/**
 * The operations console's API: the one narrow door from the public edge to the services'
 * operator endpoints (docs/decisions/0022). Anyone may read states, counts and ages; checkout
 * ids and actions need the operator token (docs/decisions/0033). Actions also pass the edge's global guards: same origin, JSON only, rate limits
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
  async listCheckouts(@Query() query: unknown, @Req() request: Request) {
    const { stuck } = validate(ListQuery, query);
    const view = await this.checkouts.list(stuck === '1');
    const checkouts = this.isOperator(request) ? view.checkouts : view.checkouts.map(anonymousCheckout);
    return { actionsEnabled: this.actionsEnabled(), ...view, checkouts };
  }

  @Post('checkouts/:id/resume')
  @HttpCode(HttpStatus.ACCEPTED)
  @OperatorAction()
  resume(@Param('id') id: string) {
    return this.checkouts.resume(validate(CheckoutId, id, 'path parameter id'));
  }

  @Get('dead-letters')
  async listDeadLetters(@Req() request: Request) {
    const services = await this.deadLetters.list();
    if (this.isOperator(request)) return { actionsEnabled: this.actionsEnabled(), services };
    return { actionsEnabled: this.actionsEnabled(), services: services.map((entry) => ({ ...entry, messages: entry.messages.map(anonymousDeadLetter) })) };
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

  /**
   * Whether a read shows ids. A wrong token reads as anonymous, without saying it is wrong: only
   * the rate-limited GET /operator answers whether a token is right, so reads cannot be used to
   * guess it faster.
   */
  private isOperator(request: Request): boolean {
    return operatorAccess(this.config.OPS_TOKEN, request.get('authorization')) === 'granted';
  }

  /** Whether actions exist at all on this edge, so the page can leave their buttons out. */
  private actionsEnabled(): boolean {
    return this.config.OPS_TOKEN !== undefined;
  }
}
