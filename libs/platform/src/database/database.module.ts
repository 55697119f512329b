import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadinessRegistry } from '../health/readiness.registry';
import { CredentialsOpsController } from '../secrets/credentials.ops.controller';
import { followingCurrent } from './current-data-source';
import { DatabaseOptions, DatabaseService } from './database.service';

/** One service's Postgres schema: provisioning, migrations, the DataSource and its health check. */
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
          useFactory: (registry: ReadinessRegistry) => new DatabaseService(options, registry),
          inject: [ReadinessRegistry],
        },
        { provide: DataSource, useFactory: (db: DatabaseService) => followingCurrent(() => db.dataSource), inject: [DatabaseService] },
      ],
      exports: [DatabaseService, DataSource],
    };
  }
}
