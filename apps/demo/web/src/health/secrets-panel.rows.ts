import type { ServiceLoginView } from '@checkout/contracts/views';
import { formatSeconds } from '../format/time';

/** One row of the secrets panel, in words. */
export interface SecretsRow {
  readonly service: string;
  /** The login new work uses now: a leased role, "static login" under env, or "no answer". */
  readonly login: string;
  readonly leaseLeft: string;
  /** Worth a look: the lease is about to end, or renewing it is failing. */
  readonly warn: boolean;
  readonly lastRotation: string;
  /** The logins the service's connections use, each with how many: two during a rotation's drain. */
  readonly sessions: string;
}

/** A lease this close to its end should already have been renewed (at two thirds of its TTL). */
const LEASE_NEARLY_OUT_SECONDS = 5;

export function secretsRow(login: ServiceLoginView, now: number): SecretsRow {
  const sessions = login.sessions.map((session) => `${session.username} × ${session.connections}`).join(', ') || 'none open';
  if (login.provider === null) {
    return { service: login.service, login: 'no answer', leaseLeft: '—', warn: true, lastRotation: '—', sessions: '—' };
  }
  if (login.provider === 'env') {
    return { service: login.service, login: 'static login (SECRETS_PROVIDER=env)', leaseLeft: 'no lease', warn: false, lastRotation: 'never', sessions };
  }
  const left = login.leaseSecondsLeft;
  return {
    service: login.service,
    login: login.role ?? 'none yet',
    leaseLeft: left === null ? '—' : `${formatSeconds(left)}${login.renewalFailing ? ', renewal failing' : ''}`,
    warn: login.renewalFailing || (left !== null && left <= LEASE_NEARLY_OUT_SECONDS),
    lastRotation: login.lastRotationAt ? `${formatSeconds((now - Date.parse(login.lastRotationAt)) / 1000)} ago (${login.rotations} so far)` : 'none yet',
    sessions,
  };
}
