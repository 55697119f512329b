import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DEGRADED_WHEN_DOWN, ReadinessRegistry, type ReadinessCheck } from './readiness.registry';
import { NeedsNoDatabase } from '../database/database-ready.guard';
import { readinessReport, type CheckResult } from './readiness-report';

const CHECK_TIMEOUT_MS = 2000;

@NeedsNoDatabase()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: ReadinessRegistry,
  ) {}

  /** The process is alive and its event loop turns; dependencies do not matter here. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Every registered dependency, in Terminus' report shape. 503 when one the service cannot
   * work without is down; 200 with `status: degraded` when only the broker and what reads
   * through it are (DEGRADED_WHEN_DOWN): the outbox holds the work meanwhile.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const results = await Promise.all(this.registry.entries().map(([name, check]) => run(name, check)));
    const report = readinessReport(results, DEGRADED_WHEN_DOWN);
    if (report.status === 'error') response.status(503);
    return report;
  }
}

async function run(name: string, check: ReadinessCheck): Promise<CheckResult> {
  try {
    return { name, ...(await withTimeout(check(), CHECK_TIMEOUT_MS)) };
  } catch {
    return { name, up: false, details: { reason: 'unreachable' } };
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
