import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { MetricsService } from '../metrics/metrics.service';
import { RetentionJob, type RetentionStep } from './retention-job';
import type { RetentionOptions } from './retention-settings';

export interface RetentionModuleOptions {
  readonly options: RetentionOptions;
  readonly steps: readonly RetentionStep[];
  /** Tables another component deletes from by the same rule, vacuumed with the steps' tables. */
  readonly alsoVacuum?: readonly string[];
}

/** A service's retention job (0037), started once the database is reachable. */
@Module({})
export class RetentionModule {
  static forRoot({ options, steps, alsoVacuum }: RetentionModuleOptions): DynamicModule {
    return {
      module: RetentionModule,
      providers: [
        {
          provide: RetentionJob,
          useFactory: (database: DatabaseService, metrics: MetricsService) => new RetentionJob(database, options, steps, metrics, alsoVacuum),
          inject: [DatabaseService, MetricsService],
        },
      ],
      exports: [RetentionJob],
    };
  }
}
