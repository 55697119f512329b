import { AppError, validate } from '@checkout/platform';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { z } from 'zod';
import { ChaosAgentClient } from './chaos-agent.client';
import { publicExperiment } from './chaos.views';

const StartRequest = z.strictObject({
  kind: z.string().regex(/^[a-z-]{1,40}$/, { error: 'expected an experiment kind, e.g. kill-service' }),
  // Both may be left out where the catalogue allows it (a kind that hits the whole cluster, or has default seconds).
  target: z.string().regex(/^[a-z-]{1,40}$/, { error: 'expected a target, e.g. catalog-svc' }).optional(),
  seconds: z.number({ error: 'expected seconds as a number' }).int({ error: 'expected whole seconds' }).min(1).max(60).optional(),
});
const ExperimentId = z.uuid({ error: 'expected an experiment id (UUID)' });

/** Experiments are cluster-wide and one at a time: a visitor gets a few a minute, no more. */
const EXPERIMENTS_PER_MINUTE = 6;
/** When the agent is away (restarting, say), ask the browser to come back shortly. */
const RETRY_AFTER_SECONDS = 5;

/** The chaos page's API on the public edge; the chaos agent behind it does the work. */
@Controller('api')
export class ChaosHttpController {
  constructor(private readonly agent: ChaosAgentClient) {}

  @Get('chaos/experiments')
  async experiments(@Res({ passthrough: true }) response: Response) {
    const { catalogue, recent } = await this.retryable(response, () => this.agent.catalogue());
    return { catalogue, recent: recent.map(publicExperiment) };
  }

  @Post('chaos/experiments')
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle({ default: { limit: EXPERIMENTS_PER_MINUTE, ttl: 60_000 } })
  start(@Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const request = validate(StartRequest, body ?? {});
    return this.retryable(response, () => this.agent.start(request));
  }

  @Get('chaos/experiments/:id')
  async experiment(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    return publicExperiment(await this.retryable(response, () => this.agent.experiment(validate(ExperimentId, id))));
  }

  @Post('chaos/halt')
  @HttpCode(HttpStatus.OK)
  halt(@Res({ passthrough: true }) response: Response) {
    return this.retryable(response, () => this.agent.halt());
  }

  @Get('chaos/timeline')
  timeline(@Res({ passthrough: true }) response: Response) {
    return this.retryable(response, () => this.agent.timeline());
  }

  @Get('invariants')
  invariants(@Res({ passthrough: true }) response: Response) {
    return this.retryable(response, () => this.agent.invariants());
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
