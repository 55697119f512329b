import { ApiBodyFrom, ApiErrors, AppError, validate } from '@checkout/platform';
import { Body, Controller, Get, Header, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { operatorAccess } from '../ops-console/operator-token';
import { ChaosAction } from '../rate-limits/chaos-action.decorator';
import { clientDigest } from '../rate-limits/client-key';
import { ChaosAgentClient, type ChaosRequester } from './chaos-agent.client';
import { publicExperiment } from './chaos.views';

const StartRequest = z.strictObject({
  kind: z.string().regex(/^[a-z-]{1,40}$/, { error: 'expected an experiment kind, e.g. kill-service' }),
  // Both may be left out where the catalogue allows it (a kind that hits the whole cluster, or has default seconds).
  target: z.string().regex(/^[a-z-]{1,40}$/, { error: 'expected a target, e.g. catalog-svc' }).optional(),
  // The shape only: how long each may ask for (a visitor 30 s, an operator more) is the agent's rule.
  seconds: z.number({ error: 'expected seconds as a number' }).int({ error: 'expected whole seconds' }).min(1).max(600).optional(),
});
const HaltRequest = z.strictObject({ haltToken: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, { error: 'expected the halt token the start returned' }).optional() });
const ExperimentId = z.uuid({ error: 'expected an experiment id (UUID)' });

/** When the agent is away (restarting, say), ask the browser to come back shortly. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The chaos page's API on the public edge; the chaos agent behind it does the work and keeps
 * the rules (docs/decisions/0033). An anonymous visitor asks as a visitor (the agent counts
 * their allowance by a digest of their address); the operator token (OPS_TOKEN, as Bearer)
 * makes the request an operator's; a wrong token is refused rather than quietly downgraded.
 */
@ApiTags('chaos')
@Controller('api')
export class ChaosHttpController {
  constructor(
    private readonly agent: ChaosAgentClient,
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
  ) {}

  @Get('chaos/experiments')
  async experiments(@Res({ passthrough: true }) response: Response) {
    const { catalogue, recent } = await this.retryable(response, () => this.agent.catalogue());
    return { catalogue, recent: recent.map(publicExperiment) };
  }

  /** Whether a slot is free, when the next one opens, and what is left of the hour's and this visitor's allowance. */
  @Get('chaos/budget')
  budget(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.retryable(response, () => this.agent.budget(clientDigest(request)));
  }

  /** A visitor's answer carries the halt token: this browser's alone, so never cached. */
  @Post('chaos/experiments')
  @ApiBodyFrom(StartRequest, 'A visitor may target the services behind the edge, the broker and the database for at most 30 s; the operator token lifts both limits')
  @ApiBearerAuth()
  @ApiResponse({ status: 202, description: 'Started: `{ experimentId, haltToken }` (the halt token only for a visitor)' })
  @ApiErrors(400, 403, 415, 429, 503)
  @HttpCode(HttpStatus.ACCEPTED)
  @Header('Cache-Control', 'no-store')
  @ChaosAction()
  start(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const experiment = validate(StartRequest, body ?? {});
    const who: ChaosRequester = this.isOperator(request) ? { operator: true } : { visitor: { client: clientDigest(request) } };
    return this.retryable(response, () => this.agent.start(experiment, who));
  }

  @Get('chaos/experiments/:id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The experiment id' })
  @ApiErrors(400, 404, 503)
  async experiment(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    return publicExperiment(await this.retryable(response, () => this.agent.experiment(validate(ExperimentId, id))));
  }

  /** `{ haltToken }` halts the experiment this browser started; with the operator token, whatever runs. */
  @Post('chaos/halt')
  @ApiBodyFrom(HaltRequest, 'A visitor halts the experiment its start returned this token for; the operator token halts whatever runs')
  @ApiBearerAuth()
  @ApiErrors(400, 403, 429, 503)
  @HttpCode(HttpStatus.OK)
  @ChaosAction()
  halt(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { haltToken } = validate(HaltRequest, body ?? {});
    return this.retryable(response, () => this.agent.halt(this.isOperator(request) ? { operator: true } : { visitor: { haltToken } }));
  }

  @Get('chaos/timeline')
  timeline(@Res({ passthrough: true }) response: Response) {
    return this.retryable(response, () => this.agent.timeline());
  }

  /** The agent serves a result a few seconds old at most, one audit at a time whoever asks. */
  @Get('invariants')
  invariants(@Res({ passthrough: true }) response: Response) {
    return this.retryable(response, () => this.agent.invariants());
  }

  private isOperator(request: Request): boolean {
    const access = operatorAccess(this.config.OPS_TOKEN, request.get('authorization'));
    if (access === 'wrong') throw new AppError('OPS.TOKEN_REFUSED', 'The operator token is not valid', HttpStatus.FORBIDDEN);
    return access === 'granted';
  }

  private async retryable<T>(response: Response, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError && error.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw error;
    }
  }
}
