import { Inject, Injectable } from '@nestjs/common';
import { VAULT_CONFIG } from '../vault.tokens';
import type { VaultSandboxConfig } from '../config';
import { VaultApiError } from '../http/vault-api.error';
import { allows, Capability, Policy } from './policy';

export const PSP_SECRET_PATH = 'psp';

const ROOT: Policy = { name: 'root', rules: [{ path: '*', capabilities: ['read', 'create', 'update'] }] };

/**
 * Token auth: each configured token maps to one policy. A service's policy names its own
 * database role, the lease endpoints, and (for the provider's two ends) the provider secrets.
 */
@Injectable()
export class VaultTokens {
  private readonly policies = new Map<string, Policy>();

  constructor(@Inject(VAULT_CONFIG) config: VaultSandboxConfig) {
    this.policies.set(config.VAULT_ROOT_TOKEN, ROOT);
    for (const [service, token] of config.VAULT_SERVICE_TOKENS) {
      this.policies.set(token, {
        name: service,
        rules: [
          { path: `database/creds/${service}`, capabilities: ['read'] },
          { path: 'sys/leases/renew', capabilities: ['update'] },
          { path: 'sys/leases/revoke', capabilities: ['update'] },
          ...(config.VAULT_PSP_SECRET_READERS.includes(service)
            ? [{ path: `secret/data/${PSP_SECRET_PATH}`, capabilities: ['read'] as Capability[] }]
            : []),
        ],
      });
    }
  }

  /** Throws Vault's 403 "permission denied" unless the token's policy grants the capability. */
  authorize(token: string | undefined, path: string, capability: Capability): void {
    const policy = token ? this.policies.get(token) : undefined;
    if (!policy || !allows(policy, path, capability)) throw VaultApiError.permissionDenied();
  }
}
