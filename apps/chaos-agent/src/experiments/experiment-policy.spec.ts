import { ChaosError } from './chaos.errors';
import { ExperimentPolicy } from './experiment-policy';

describe('what a visitor may ask the chaos agent for', () => {
  const policy = new ExperimentPolicy(['catalog-svc', 'payments-svc', 'checkout-orchestrator'], 60);
  const refusal = (request: { kind: string; target: string; seconds: number }) => {
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
