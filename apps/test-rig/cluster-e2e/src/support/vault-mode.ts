import { Client } from 'pg';
import type { ServiceName } from './service-process';
import { migrateOnce, type TestCluster } from './test-cluster';
import { adminUrlFor, testDatabaseUrl } from './test-infrastructure';

export const LEASED_SERVICES = ['psp-sandbox', 'catalog-svc', 'payments-svc', 'checkout-orchestrator'] as const;
export type LeasedService = (typeof LEASED_SERVICES)[number];

export const ROOT_TOKEN = 'hvs.e2e-root-token-0000';
/** The chaos agent's token: its policy (the stand-in's default rotators) reads and writes the provider secrets only. */
export const AGENT_TOKEN = 'hvs.e2e-chaos-agent';

export interface CredentialsStatus {
  provider: 'vault' | 'env';
  lease: { username?: string; leaseSecondsLeft?: number; rotations: number; lastError?: string } | null;
  sessions: { username: string; connections: number }[];
}

/**
 * A test cluster whose services lease their database logins from the Vault stand-in. The group
 * roles are named after the test database, so this never turns a role another run logs in with
 * into a NOLOGIN group, and `dropRoles` removes exactly what the run created.
 */
export class VaultMode {
  constructor(
    private readonly cluster: TestCluster,
    private readonly ttl: { defaultSeconds: number; maxSeconds: number },
  ) {}

  groupRole(name: LeasedService): string {
    return `${this.cluster.database}_${name.replace(/-/g, '_')}`;
  }

  tokenOf(name: LeasedService): string {
    return `hvs.e2e-${name}`;
  }

  vaultEnv(): Record<string, string> {
    return {
      VAULT_ROOT_TOKEN: ROOT_TOKEN,
      VAULT_SERVICE_TOKENS: [...LEASED_SERVICES.map((name) => `${name}=${this.tokenOf(name)}`), `chaos-agent=${AGENT_TOKEN}`].join(','),
      VAULT_DB_ROLES: LEASED_SERVICES.map((name) => `${name}=${this.groupRole(name)}`).join(','),
      VAULT_DB_DEFAULT_TTL_SECONDS: String(this.ttl.defaultSeconds),
      VAULT_DB_MAX_TTL_SECONDS: String(this.ttl.maxSeconds),
    };
  }

  /**
   * Provisions each leased service's group role (the one-shot migration, as `npm start` runs it
   * before the services, here with DATABASE_URL naming the group role), then starts the Vault
   * stand-in, which creates leased logins in those roles, and waits until it is ready.
   */
  async startVault(extraEnv: Record<string, string> = {}) {
    for (const name of LEASED_SERVICES) {
      const env = { ...this.cluster.envFor(name), DATABASE_URL: testDatabaseUrl(this.groupRole(name), this.cluster.database) };
      await migrateOnce(name, env, this.cluster.database);
    }
    const vault = this.cluster.start('vault-sandbox', { ...this.vaultEnv(), ...extraEnv });
    await vault.waitReady();
    return vault;
  }

  /** `name`'s environment in vault mode; `vaultUrl` lets a test put a proxy in front of Vault. */
  serviceEnv(name: LeasedService, vaultUrl = this.cluster.urlOf('vault-sandbox')): Record<string, string> {
    return {
      SECRETS_PROVIDER: 'vault',
      VAULT_ADDR: vaultUrl,
      VAULT_TOKEN: this.tokenOf(name),
      DATABASE_URL: testDatabaseUrl(this.groupRole(name), this.cluster.database),
      // The test Postgres (100 connections) is shared by parallel runs, and a rotating service
      // holds two pools for a moment, the new one warmed to the old one's size: keep each smaller
      // than the default, but large enough that a request never waits for a connection longer
      // than the pool's 3 s acquire timeout under load. At 8, a rotation of the four services
      // (about 80 connections with the agent's and the stand-ins') beside another spec's
      // cluster (about 40) ran out of connection slots.
      DATABASE_POOL_SIZE: '5',
      // The scenario specs' 3 s payment timeout is for the timeout scenario; under load on a
      // shared machine a paying customer can take longer, and these specs expect every checkout paid.
      ...(name === 'checkout-orchestrator' ? { PAYMENT_TIMEOUT_SECONDS: '30' } : {}),
    };
  }

  startService(name: LeasedService, vaultUrl?: string) {
    return this.cluster.start(name as ServiceName, this.serviceEnv(name, vaultUrl));
  }

  async credentials(name: LeasedService): Promise<CredentialsStatus> {
    const response = await fetch(`${this.cluster.urlOf(name)}/ops/credentials`);
    return (await response.json()) as CredentialsStatus;
  }

  /** Runs `sql` as the test server's admin, in the cluster's database. */
  async adminQuery<R extends Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: adminUrlFor(this.cluster.database) });
    await client.connect();
    try {
      return (await client.query<R>(sql, parameters)).rows;
    } finally {
      await client.end();
    }
  }

  /** Leased logins that still exist, for the given group roles. */
  async memberRoles(): Promise<string[]> {
    const rows = await this.adminQuery<{ rolname: string }>(
      `SELECT member.rolname FROM pg_auth_members m
         JOIN pg_roles member ON member.oid = m.member
         JOIN pg_roles grp ON grp.oid = m.roleid
        WHERE grp.rolname = ANY($1)`,
      [LEASED_SERVICES.map((name) => this.groupRole(name))],
    );
    return rows.map((row) => row.rolname);
  }

  /** After the cluster stopped and its database is gone: drops the run's leased and group roles. */
  async dropRoles(): Promise<void> {
    const client = new Client({ connectionString: adminUrlFor('postgres') });
    await client.connect();
    try {
      const groups = LEASED_SERVICES.map((name) => this.groupRole(name));
      const { rows } = await client.query<{ rolname: string }>(
        `SELECT member.rolname FROM pg_auth_members m JOIN pg_roles member ON member.oid = m.member
           JOIN pg_roles grp ON grp.oid = m.roleid WHERE grp.rolname = ANY($1)`,
        [groups],
      );
      for (const role of [...rows.map((row) => row.rolname), ...groups]) {
        await client.query(`DROP ROLE IF EXISTS "${role.replace(/"/g, '""')}"`);
      }
    } finally {
      await client.end();
    }
  }
}
