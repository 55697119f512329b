import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FaultRoutes } from '../fault-routes/fault-routes';
import { ReadinessRegistry } from '../health/readiness.registry';
import { MetricsService } from '../metrics/metrics.service';
import { CredentialsOpsController } from './credentials.ops.controller';
import { followingCurrent } from './current-data-source';
import { DatabaseReadyGuard } from './database-ready.guard';
import { registerDatabaseMetrics } from './database.metrics';
import { DatabaseOptions, DatabaseService } from './database.service';

/**
 * One service's Postgres schema: provisioning, migrations, the DataSource (following each
 * credential rotation), its health check, and a 503 for requests that arrive before it is connected.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      controllers: [CredentialsOpsController],
      providers: [
        {
          provide: DatabaseService,
          useFactory: (registry: ReadinessRegistry, metrics: MetricsService, routes: FaultRoutes) => {
            const database = new DatabaseService(options, registry, routes);
            registerDatabaseMetrics(metrics, database);
            return database;
          },
          inject: [ReadinessRegistry, MetricsService, FaultRoutes],
        },
        { provide: DataSource, useFactory: (db: DatabaseService) => followingCurrent(() => db.dataSource), inject: [DatabaseService] },
        { provide: APP_GUARD, useClass: DatabaseReadyGuard },
      ],
      exports: [DatabaseService, DataSource],
    };
  }
}
