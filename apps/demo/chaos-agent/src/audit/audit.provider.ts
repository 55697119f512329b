import { brokerDeadLetterProbe, InvariantChecker } from '@checkout/invariants';
import type { Provider } from '@nestjs/common';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';

/**
 * The invariant checker on the read-only audit role (decision 0014), which the one-shot
 * migration provisions (agent-roles.provision.ts): the running agent holds no admin login.
 */
export const auditProvider: Provider = {
  provide: InvariantChecker,
  inject: [CHAOS_CONFIG],
  useFactory: (config: ChaosAgentConfig) => InvariantChecker.connect(config.AUDIT_DATABASE_URL, brokerDeadLetterProbe(config.AMQP_URL)),
};
