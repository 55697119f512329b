import { DatabaseModule, PlatformModule, retentionOptions } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { InvariantChecker } from '@checkout/invariants';
import { auditProvider } from './audit/audit.provider';
import { CachedAudit } from './audit/cached-audit';
import { CHAOS_CONFIG, type ChaosAgentConfig } from './chaos-agent.config';
import { chaosDatabase } from './database.options';
import { ExperimentBudget } from './experiments/experiment-budget';
import { ExperimentJudge } from './experiments/experiment-judge';
import { ExperimentPolicy } from './experiments/experiment-policy';
import { ExperimentRepository } from './experiments/experiment.repository';
import { ExperimentRunner } from './experiments/experiment-runner';
import { ExperimentsHttpController } from './experiments/experiments.http.controller';
import { faultsProvider } from './faults/faults.provider';
import { RotationChecks } from './faults/rotation.checks';
import { LiveSseController } from './live-load/live.sse.controller';
import { LiveLoad } from './live-load/live-load.service';
import { LoadDemand } from './live-load/load-demand';
import { QueueDepths } from './observation/queue-depths';
import { ServiceProbe } from './observation/service-probe';
import { Timeline } from './observation/timeline';
import { VisitorsView } from './observation/visitors-view';
import { chaosRetention } from './retention/experiments.retention';
import { Pm2Supervisor } from './supervisor/pm2-supervisor';

export const SERVICE_NAME = 'chaos-agent';
/** How old a public audit may be: a few seconds, so a refreshing page costs one audit per this. */
const PUBLIC_AUDIT_MAX_AGE_MS = 3000;

@Module({})
export class AppModule {
  static forRoot(config: ChaosAgentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: SERVICE_NAME }), DatabaseModule.forRoot(chaosDatabase(config)), chaosRetention(retentionOptions(config))],
      controllers: [ExperimentsHttpController, LiveSseController],
      providers: [
        { provide: CHAOS_CONFIG, useValue: config },
        { provide: Pm2Supervisor, useValue: new Pm2Supervisor(config.CHAOS_ALLOWLIST) },
        {
          provide: ExperimentPolicy,
          useValue: new ExperimentPolicy(config.CHAOS_ALLOWLIST, config.CHAOS_MAX_SECONDS, config.SECRETS_PROVIDER === 'vault', config.CHAOS_PUBLIC_MAX_SECONDS),
        },
        {
          provide: ExperimentBudget,
          useValue: new ExperimentBudget({
            coolDownSeconds: config.CHAOS_COOLDOWN_SECONDS,
            perHour: config.CHAOS_EXPERIMENTS_PER_HOUR,
            perClient: config.CHAOS_EXPERIMENTS_PER_CLIENT,
            clientWindowMinutes: config.CHAOS_CLIENT_WINDOW_MINUTES,
          }),
        },
        { provide: ServiceProbe, useValue: new ServiceProbe(config.CHAOS_SERVICE_URLS) },
        { provide: QueueDepths, useValue: new QueueDepths(config.AMQP_URL) },
        {
          provide: LiveLoad,
          useValue: new LiveLoad({ orchestratorUrl: config.ORCHESTRATOR_URL, amqpUrl: config.AMQP_URL, perSecond: config.LIVE_LOAD_PER_SECOND }),
        },
        auditProvider,
        {
          provide: CachedAudit,
          inject: [InvariantChecker, ExperimentRepository],
          useFactory: (audit: InvariantChecker, experiments: ExperimentRepository) =>
            new CachedAudit(async () => audit.check({ poisonInjected: await experiments.poisonInjected() }), PUBLIC_AUDIT_MAX_AGE_MS),
        },
        VisitorsView,
        faultsProvider,
        RotationChecks,
        Timeline,
        // The live load and the observation run only while a chaos page is open or an experiment runs.
        { provide: LoadDemand, useFactory: (load: LiveLoad, timeline: Timeline) => new LoadDemand([load, timeline]), inject: [LiveLoad, Timeline] },
        ExperimentRepository,
        ExperimentJudge,
        ExperimentRunner,
      ],
    };
  }
}
