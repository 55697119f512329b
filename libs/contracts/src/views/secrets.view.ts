/**
 * One service's database login as the health page's secrets panel shows it: role names, times
 * and counts, never a password, token or secret value.
 */
export interface ServiceLoginView {
  readonly service: string;
  /** `vault`: a leased login; `env`: the static login of DATABASE_URL; null: the service did not answer. */
  readonly provider: 'vault' | 'env' | null;
  /** The login new work uses now (a leased role); null under `env` or when unknown. */
  readonly role: string | null;
  readonly leaseSecondsLeft: number | null;
  readonly rotations: number;
  readonly lastRotationAt: string | null;
  /** The last renewal or rotation failed and the service is retrying (its reason stays inside). */
  readonly renewalFailing: boolean;
  /** Logins of the service's open connections (pg_stat_activity by application_name), with how many each. */
  readonly sessions: readonly { readonly username: string; readonly connections: number }[];
}

export interface SecretsView {
  readonly at: string;
  readonly services: readonly ServiceLoginView[];
}
