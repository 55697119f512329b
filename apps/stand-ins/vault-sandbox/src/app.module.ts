import { DatabaseModule, PlatformModule, replicaMetricsAddress } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { VaultTokens } from './auth/vault-tokens';
import { VaultSandboxConfig } from './config';
import { vaultDatabase } from './database.options';
import { SysHealthHttpController } from './http/sys-health.http.controller';
import { KvHttpController } from './kv/kv.http.controller';
import { KvService } from './kv/kv.service';
import { LeaseExpiryWorker } from './leases/lease-expiry.worker';
import { LeasesHttpController } from './leases/leases.http.controller';
import { LeasesService } from './leases/leases.service';
import { PostgresRoles } from './leases/postgres-roles';
import { VAULT_CONFIG } from './vault.tokens';

export const SERVICE_NAME = 'vault-sandbox';

@Module({})
export class AppModule {
  static forRoot(config: VaultSandboxConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config) }), DatabaseModule.forRoot(vaultDatabase(config))],
      controllers: [LeasesHttpController, KvHttpController, SysHealthHttpController],
      providers: [
        { provide: VAULT_CONFIG, useValue: config },
        VaultTokens,
        PostgresRoles,
        LeasesService,
        LeaseExpiryWorker,
        KvService,
      ],
    };
  }
}
