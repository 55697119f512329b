import { validate } from '@checkout/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CachedAudit } from '../audit/cached-audit';
import { Timeline } from '../observation/timeline';
import { ExperimentPolicy } from './experiment-policy';
import { ExperimentRunner } from './experiment-runner';
import { ExperimentRepository } from './experiment.repository';
import { BudgetQuery, HaltRequest, StartExperimentRequest } from './start-experiment.request';

/** The agent's internal API; only the edge (bff-web) calls it, on loopback. */
@Controller()
export class ExperimentsHttpController {
  constructor(
    private readonly runner: ExperimentRunner,
    private readonly policy: ExperimentPolicy,
    private readonly experiments: ExperimentRepository,
    private readonly audit: CachedAudit,
    private readonly timeline: Timeline,
  ) {}

  @Get('experiments')
  async catalogue() {
    return { catalogue: this.policy.view(), recent: await this.experiments.recent() };
  }

  /** `haltToken` is returned once, to the visitor who started it: the edge hands it to that browser only. */
  @Post('experiments')
  @HttpCode(202)
  async start(@Body() body: unknown) {
    const { experiment, haltToken } = await this.runner.start(validate(StartExperimentRequest, body));
    return { experimentId: experiment.id, ...(haltToken && { haltToken }) };
  }

  @Get('experiments/:id')
  experiment(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.experiments.get(id);
  }

  @Post('halt')
  @HttpCode(200)
  async halt(@Body() body: unknown) {
    const halted = await this.runner.halt(validate(HaltRequest, body ?? {}));
    return { halted: halted?.id ?? null };
  }

  /** Whether a slot is free, when the next opens, and what is left of the hour's and the client's allowance. */
  @Get('budget')
  budget(@Query() query: unknown) {
    return this.runner.budgetFor(validate(BudgetQuery, query).client ?? null);
  }

  @Get('invariants')
  invariants() {
    return this.audit.report();
  }

  /** The last five minutes, and the faults in them (as bands). */
  @Get('timeline')
  async recentTimeline() {
    const samples = this.timeline.all();
    const since = samples[0]?.at ?? Date.now();
    const faults = (await this.experiments.recent(20))
      .filter((experiment) => Date.parse(experiment.revertedAt ?? new Date().toISOString()) >= since)
      .map(({ id, kind, target, startedAt, revertedAt, state }) => ({ id, kind, target, state, from: startedAt, to: revertedAt }));
    return { samples, faults };
  }
}
