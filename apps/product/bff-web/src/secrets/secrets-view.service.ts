import type { SecretsView, ServiceLoginView } from '@checkout/contracts/views';
import { Inject, Injectable } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

const TIMEOUT_MS = 1500;
/** How long one look is shown to every visitor before the next is taken (as the health view). */
const VIEW_TTL_MS = 1000;

/** What a service answers on its loopback `GET /ops/credentials` (libs/platform). */
interface CredentialsReport {
  provider: 'vault' | 'env';
  lease: { username?: string; leaseSecondsLeft?: number; rotations: number; lastRotationAt?: string; lastError?: string } | null;
  sessions: { username: string; connections: number }[];
}

/**
 * Each schema-owning service's database login, from its own operator endpoint: the service reads
 * its sessions in pg_stat_activity by its application_name with its own login, so the edge needs
 * no database access. Only names, times and counts pass; a failure's text stays inside. One look
 * is shared by every request for about a second.
 */
@Injectable()
export class SecretsViewService {
  private cached?: { view: Promise<SecretsView>; takenAt: number };

  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  view(): Promise<SecretsView> {
    const now = Date.now();
    if (!this.cached || now - this.cached.takenAt >= VIEW_TTL_MS) this.cached = { view: this.look(), takenAt: now };
    return this.cached.view;
  }

  private async look(): Promise<SecretsView> {
    const services: [string, string][] = [
      ['checkout-orchestrator', this.config.ORCHESTRATOR_URL],
      ['catalog-svc', this.config.CATALOG_URL],
      ['payments-svc', this.config.PAYMENTS_URL],
      ['psp-sandbox', this.config.PSP_URL],
    ];
    return { at: new Date().toISOString(), services: await Promise.all(services.map(([name, url]) => loginOf(name, url))) };
  }
}

async function loginOf(service: string, url: string): Promise<ServiceLoginView> {
  try {
    const response = await fetch(`${url}/ops/credentials`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return publicLogin(service, (await response.json()) as CredentialsReport);
  } catch {
    return { service, provider: null, role: null, leaseSecondsLeft: null, rotations: 0, lastRotationAt: null, renewalFailing: false, sessions: [] };
  }
}

/** The report cut to what a visitor may see: named fields only, each checked for its type. */
export function publicLogin(service: string, report: CredentialsReport): ServiceLoginView {
  const lease = report.lease;
  return {
    service,
    provider: report.provider === 'vault' ? 'vault' : 'env',
    role: typeof lease?.username === 'string' ? lease.username : null,
    leaseSecondsLeft: typeof lease?.leaseSecondsLeft === 'number' ? lease.leaseSecondsLeft : null,
    rotations: typeof lease?.rotations === 'number' ? lease.rotations : 0,
    lastRotationAt: typeof lease?.lastRotationAt === 'string' ? lease.lastRotationAt : null,
    renewalFailing: typeof lease?.lastError === 'string',
    sessions: (Array.isArray(report.sessions) ? report.sessions : [])
      .filter((session) => typeof session?.username === 'string' && typeof session.connections === 'number')
      .map(({ username, connections }) => ({ username, connections })),
  };
}
