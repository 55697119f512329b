import { Inject, Injectable } from '@nestjs/common';
import { VAULT_CONFIG } from '../vault.tokens';
import type { VaultSandboxConfig } from '../config';
import { VaultApiError } from '../http/vault-api.error';
import { allows, Capability, Policy, PolicyRule } from './policy';

export const PSP_SECRET_PATH = 'psp';

const ROOT: Policy = { name: 'root', rules: [{ path: '*', capabilities: ['read', 'create', 'update'] }] };

type PolicySettings = Pick<VaultSandboxConfig, 'VAULT_DB_ROLES' | 'VAULT_PSP_SECRET_READERS' | 'VAULT_PSP_SECRET_ROTATORS'>;

/**
 * A service's policy, each rule earned by a setting: its own database role and the lease
 * endpoints if it has a role; the provider's secrets read by their two ends; read and write for
 * a rotator of them. A name on none of the lists may do nothing.
 */
export function servicePolicy(service: string, config: PolicySettings): Policy {
  const psp = `secret/data/${PSP_SECRET_PATH}`;
  const rules: PolicyRule[] = [];
  if (config.VAULT_DB_ROLES.has(service)) {
    rules.push(
      { path: `database/creds/${service}`, capabilities: ['read'] },
      { path: 'sys/leases/renew', capabilities: ['update'] },
      { path: 'sys/leases/revoke', capabilities: ['update'] },
    );
  }
  const pspCapabilities: Capability[] = [
    ...(config.VAULT_PSP_SECRET_READERS.includes(service) || config.VAULT_PSP_SECRET_ROTATORS.includes(service) ? ['read' as const] : []),
    ...(config.VAULT_PSP_SECRET_ROTATORS.includes(service) ? ['update' as const] : []),
  ];
  if (pspCapabilities.length > 0) rules.push({ path: psp, capabilities: pspCapabilities });
  return { name: service, rules };
}

/** Token auth: each configured token maps to one policy (see servicePolicy). */
@Injectable()
export class VaultTokens {
  private readonly policies = new Map<string, Policy>();

  constructor(@Inject(VAULT_CONFIG) config: VaultSandboxConfig) {
    this.policies.set(config.VAULT_ROOT_TOKEN, ROOT);
    for (const [service, token] of config.VAULT_SERVICE_TOKENS) this.policies.set(token, servicePolicy(service, config));
  }

  /** Throws Vault's 403 "permission denied" unless the token's policy grants the capability. */
  authorize(token: string | undefined, path: string, capability: Capability): void {
    const policy = token ? this.policies.get(token) : undefined;
    if (!policy || !allows(policy, path, capability)) throw VaultApiError.permissionDenied();
  }
}
