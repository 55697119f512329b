import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessRegistry } from './readiness.registry';
import { NeedsNoDatabase } from '../database/database-ready.guard';

const CHECK_TIMEOUT_MS = 2000;

@NeedsNoDatabase()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  /** The process is alive and its event loop turns; dependencies do not matter here. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Every registered dependency answers; 503 names the ones that do not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    try {
      return await this.health.check(this.registry.entries().map(([name, check]) => () => this.run(name, check)));
    } catch (error) {
      // Terminus reports "not ready" by throwing; answer with its report, not as an error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }

  private async run(name: string, check: () => Promise<{ up: boolean; details?: Record<string, unknown> }>) {
    const session = this.indicators.check(name);
    try {
      const outcome = await withTimeout(check(), CHECK_TIMEOUT_MS);
      return outcome.up ? session.up(outcome.details) : session.down(outcome.details);
    } catch {
      return session.down({ reason: 'unreachable' }) as HealthIndicatorResult;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
