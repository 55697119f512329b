import { InvariantChecker } from '@checkout/invariants';
import { validate } from '@checkout/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ExperimentPolicy } from './experiment-policy';
import { ExperimentRunner } from './experiment-runner';
import { ExperimentRepository } from './experiment.repository';
import { StartExperimentRequest } from './start-experiment.request';
import { Timeline } from '../observation/timeline';

/** The agent's internal API; only the edge (bff-web) calls it, on loopback. */
@Controller()
export class ExperimentsHttpController {
  constructor(
    private readonly runner: ExperimentRunner,
    private readonly policy: ExperimentPolicy,
    private readonly experiments: ExperimentRepository,
    private readonly audit: InvariantChecker,
    private readonly timeline: Timeline,
  ) {}

  @Get('experiments')
  async catalogue() {
    return { catalogue: this.policy.view(), recent: await this.experiments.recent() };
  }

  @Post('experiments')
  @HttpCode(202)
  async start(@Body() body: unknown) {
    const experiment = await this.runner.start(validate(StartExperimentRequest, body));
    return { experimentId: experiment.id };
  }

  @Get('experiments/:id')
  experiment(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.experiments.get(id);
  }

  @Post('halt')
  @HttpCode(200)
  async halt() {
    const halted = await this.runner.halt();
    return { halted: halted?.id ?? null };
  }

  @Get('invariants')
  async invariants() {
    return this.audit.check({ poisonInjected: await this.experiments.poisonInjected() });
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
