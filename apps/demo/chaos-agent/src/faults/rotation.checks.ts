import { DatabaseService, VaultClient } from '@checkout/platform';
import { PROVIDER_SECRET_PATH } from '@checkout/provider-secrets';
import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';
import type { Experiment, VerdictCheck } from '../experiments/experiment.record';
import { Timeline } from '../observation/timeline';
import { agentVault } from './rotation.faults';
import { messagesRetriedOrDeadLettered, webhooksRejected } from './service-counters';

const POLL_MS = 500;
/** Both ends re-read Vault when the agent announces the overlap's end: after this, neither can still hold it. */
const PROPAGATION_MS = 5000;

/**
 * What a rotation adds to the hypothesis. A rotation is not damage: nothing may fail at all —
 * no request, no message sent back for a retry, no webhook refused — and what was retired must
 * be gone: every old login dropped with no session left, the old signing secret refused.
 */
@Injectable()
export class RotationChecks {
  private readonly vault: VaultClient;
  private readonly services: Readonly<Record<string, string>>;

  constructor(
    @Inject(CHAOS_CONFIG) config: ChaosAgentConfig,
    private readonly timeline: Timeline,
    private readonly database: DatabaseService,
  ) {
    this.vault = agentVault(config);
    this.services = config.CHAOS_SERVICE_URLS;
  }

  /** The checks of `experiment`'s kind (none for a kind that is not a rotation), each with its evidence. */
  async checks(experiment: Experiment, deadline: number): Promise<VerdictCheck[]> {
    switch (experiment.kind) {
      case 'rotate-credentials':
        return Promise.all([this.noFailedRequest(experiment), this.noMessageRetried(experiment), this.retiredLoginsGone(experiment, deadline)]);
      case 'rotate-webhook-secret':
        return Promise.all([
          this.noFailedRequest(experiment),
          this.noMessageRetried(experiment),
          this.noWebhookRejected(experiment),
          this.oldSecretRefused(experiment),
        ]);
      default:
        return [];
    }
  }

  private async noFailedRequest(experiment: Experiment): Promise<VerdictCheck> {
    const samples = this.timeline.since(Date.parse(experiment.startedAt));
    const failed = samples.reduce((sum, sample) => sum + sample.failedRequests, 0);
    const completed = Math.round(samples.reduce((sum, sample) => sum + sample.completedPerSecond, 0));
    return {
      name: 'no failed request',
      passed: failed === 0,
      detail: `${failed} of the live load's requests failed from the rotation on; about ${completed} checkouts completed meanwhile`,
    };
  }

  private noMessageRetried(experiment: Experiment): Promise<VerdictCheck> {
    return checked('no message retried or dead-lettered', async () => {
      const sent = (await messagesRetriedOrDeadLettered(this.services)) - Number(experiment.evidence['messagesRetriedBefore']);
      return { passed: sent === 0, detail: `${sent} messages sent to a retry or dead-letter queue from the rotation on` };
    });
  }

  private noWebhookRejected(experiment: Experiment): Promise<VerdictCheck> {
    return checked('no webhook rejected', async () => {
      const rejected = (await webhooksRejected(this.services)) - Number(experiment.evidence['webhooksRejectedBefore']);
      return { passed: rejected === 0, detail: `${rejected} webhooks refused for their signature during and after the overlap` };
    });
  }

  /** Each service drops its old login once the old pool has drained: up to the recovery bound. */
  private retiredLoginsGone(experiment: Experiment, deadline: number): Promise<VerdictCheck> {
    return checked('old logins dropped', async () => {
      const retired = String(experiment.evidence['retiredLogins'] ?? '').split(',').filter(Boolean);
      for (;;) {
        const [{ roles, sessions }] = await this.database.dataSource.query(
          `SELECT (SELECT count(*) FROM pg_roles WHERE rolname = ANY($1))::int AS roles,
                  (SELECT count(*) FROM pg_stat_activity WHERE usename = ANY($1))::int AS sessions`,
          [retired],
        );
        if ((roles === 0 && sessions === 0) || Date.now() >= deadline) {
          return {
            passed: retired.length > 0 && roles === 0 && sessions === 0,
            detail: `${retired.length} retired logins: ${roles} still in pg_roles, ${sessions} sessions still using one`,
          };
        }
        await sleep(POLL_MS);
      }
    });
  }

  /** A harmless event signed with the retired secret alone, as a forger who kept it would send. */
  private oldSecretRefused(experiment: Experiment): Promise<VerdictCheck> {
    return checked('old signing secret refused', async () => {
      await sleep(Date.parse(experiment.revertedAt ?? '') + PROPAGATION_MS - Date.now());
      const retired = (await this.vault.readSecret(PROVIDER_SECRET_PATH))['previous_webhook_secret'];
      if (!retired) return { passed: false, detail: 'Vault holds no previous signing secret to try' };
      const payload = JSON.stringify({ id: `evt_chaos_${experiment.id}`, type: 'charge.refund.updated', data: { object: { id: 're_chaos_probe' } } });
      const response = await fetch(`${this.services['payments-svc']}/webhooks/psp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: retired }) },
        body: payload,
        signal: AbortSignal.timeout(5000),
      });
      const { code } = (await response.json().catch(() => ({}))) as { code?: string };
      return {
        passed: response.status === 400 && code === 'WEBHOOK.SIGNATURE_INVALID',
        detail: `a webhook signed with the retired secret alone, ${PROPAGATION_MS / 1000} s after the overlap: ${response.status} ${code ?? ''}`.trim(),
      };
    });
  }
}

/** A check that could not be made fails, saying why: an unknown is never a pass. */
async function checked(name: string, check: () => Promise<{ passed: boolean; detail: string }>): Promise<VerdictCheck> {
  try {
    return { name, ...(await check()) };
  } catch (error) {
    return { name, passed: false, detail: `could not be checked: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
