import { ChaosError } from './chaos.errors';
import { ExperimentPolicy } from './experiment-policy';

describe('what a visitor may ask the chaos agent for', () => {
  const policy = new ExperimentPolicy(['catalog-svc', 'payments-svc', 'checkout-orchestrator'], 60);
  const refusal = (request: { kind: string; target?: string; seconds?: number }) => {
    try {
      policy.admit(request);
      return null;
    } catch (error) {
      return error instanceof ChaosError ? { code: error.code, status: error.status } : error;
    }
  };

  it('admits a kind of the catalogue, on one of its targets, for 1 to 60 seconds', () => {
    expect(policy.admit({ kind: 'kill-service', target: 'catalog-svc', seconds: 60 })).toEqual({ kind: 'kill-service', target: 'catalog-svc', seconds: 60 });
    expect(policy.admit({ kind: 'broker-outage', target: 'cluster', seconds: 1 })).toMatchObject({ target: 'cluster' });
  });

  it('refuses an unknown kind with 400', () => {
    expect(refusal({ kind: 'rm-rf', target: 'catalog-svc', seconds: 5 })).toEqual({ code: 'CHAOS.UNKNOWN_KIND', status: 400 });
  });

  it('refuses a target off the allowlist, even one the catalogue names', () => {
    expect(refusal({ kind: 'kill-service', target: 'bff-web', seconds: 5 })).toEqual({ code: 'CHAOS.BAD_TARGET', status: 400 });
    expect(refusal({ kind: 'kill-service', target: 'postgres', seconds: 5 })).toEqual({ code: 'CHAOS.BAD_TARGET', status: 400 });
  });

  it('refuses a target the kind does not apply to', () => {
    expect(refusal({ kind: 'poison-message', target: 'cluster', seconds: 5 })).toEqual({ code: 'CHAOS.BAD_TARGET', status: 400 });
  });

  it.each([0, 61, 2.5, -1])('refuses %p seconds', (seconds) => {
    expect(refusal({ kind: 'kill-service', target: 'catalog-svc', seconds })).toEqual({ code: 'CHAOS.BAD_DURATION', status: 400 });
  });

  it('lists for each kind only the targets it would admit', () => {
    const kill = policy.view().kinds.find((entry) => entry.kind === 'kill-service');
    expect(kill?.targets).toEqual(['checkout-orchestrator', 'catalog-svc', 'payments-svc']);
  });
});

describe('the blast radius of an anonymous visitor', () => {
  const policy = new ExperimentPolicy(['catalog-svc', 'payments-svc', 'bff-web'], 60, false, 30);
  const refusal = (request: { kind: string; target?: string; seconds?: number }) => {
    try {
      policy.admit(request, 'visitor');
      return null;
    } catch (error) {
      return error instanceof ChaosError ? { code: error.code, status: error.status, message: error.message } : error;
    }
  };

  it.each(['kill-service', 'stop-service', 'partition-service'])('refuses a visitor %s on the edge (403), which an operator may ask for', (kind) => {
    expect(refusal({ kind, target: 'bff-web', seconds: 5 })).toMatchObject({ code: 'CHAOS.OPERATOR_ONLY', status: 403, message: /only an operator/ });
    expect(policy.admit({ kind, target: 'bff-web', seconds: 5 }, 'operator')).toEqual({ kind, target: 'bff-web', seconds: 5 });
  });

  it('refuses a visitor a fault longer than 30 s (403), which an operator may run up to the maximum', () => {
    expect(refusal({ kind: 'stop-service', target: 'catalog-svc', seconds: 31 })).toMatchObject({ code: 'CHAOS.OPERATOR_ONLY', status: 403, message: /at most 30 s/ });
    expect(policy.admit({ kind: 'stop-service', target: 'catalog-svc', seconds: 60 }, 'operator')).toMatchObject({ seconds: 60 });
  });

  it('lets a visitor break the services behind the edge, the broker and the database, for up to 30 s', () => {
    expect(refusal({ kind: 'stop-service', target: 'catalog-svc', seconds: 30 })).toBeNull();
    expect(refusal({ kind: 'broker-outage', seconds: 30 })).toBeNull();
    expect(refusal({ kind: 'database-latency', target: 'payments-svc', seconds: 10 })).toBeNull();
  });

  it('lists for each kind the targets a visitor may name apart from the operator’s', () => {
    const view = policy.view();
    const stop = view.kinds.find((entry) => entry.kind === 'stop-service');
    expect(stop?.targets).toContain('bff-web');
    expect(stop?.publicTargets).toEqual(['catalog-svc', 'payments-svc']);
    expect([view.maxSeconds, view.publicMaxSeconds]).toEqual([60, 30]);
  });
});

describe('the rotation experiments', () => {
  const withVault = new ExperimentPolicy(['catalog-svc'], 60, true);

  it('need no target and no seconds: the whole cluster, for the kind’s own default', () => {
    expect(withVault.admit({ kind: 'rotate-credentials' })).toEqual({ kind: 'rotate-credentials', target: 'cluster', seconds: 15 });
    expect(withVault.admit({ kind: 'rotate-webhook-secret', seconds: 30 })).toEqual({ kind: 'rotate-webhook-secret', target: 'cluster', seconds: 30 });
  });

  it('refuse an overlap too short for both ends to have read the new secret', () => {
    expect(() => withVault.admit({ kind: 'rotate-webhook-secret', seconds: 2 })).toThrow(/from 5 to 60/);
  });

  it('still need a target for a kind that hits one service', () => {
    expect(() => withVault.admit({ kind: 'kill-service', seconds: 5 })).toThrow(/needs a target/);
  });

  it('are neither offered nor admitted when the cluster’s secrets come from the environment', () => {
    const withoutVault = new ExperimentPolicy(['catalog-svc'], 60);
    expect(withoutVault.view().kinds.map((entry) => entry.kind)).not.toContain('rotate-credentials');
    expect(() => withoutVault.admit({ kind: 'rotate-credentials' })).toThrow(/SECRETS_PROVIDER=vault/);
    expect(withVault.view().kinds.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['rotate-credentials', 'rotate-webhook-secret']));
  });
});
