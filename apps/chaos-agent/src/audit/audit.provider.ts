import { AUDITED_SCHEMAS, brokerDeadLetterProbe, InvariantChecker, provisionAuditRole } from '@checkout/invariants';
import { Logger, type Provider } from '@nestjs/common';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';

const RETRY_MS = 2000;

/**
 * The invariant checker on the read-only audit role, which the agent provisions with its admin
 * login (decision 0014). Under pm2 the agent may start before the services have created their
 * schemas, so provisioning repeats in the background until every audited schema is granted.
 */
export const auditProvider: Provider = {
  provide: InvariantChecker,
  inject: [CHAOS_CONFIG],
  useFactory: (config: ChaosAgentConfig) => {
    const logger = new Logger('AuditRole');
    const provision = async () => {
      const granted = await provisionAuditRole({ adminUrl: config.DATABASE_ADMIN_URL, auditUrl: config.AUDIT_DATABASE_URL }).catch((error: unknown) => {
        logger.warn(`audit role not provisioned yet: ${error}`);
        return [];
      });
      if (granted.length < AUDITED_SCHEMAS.length) setTimeout(() => void provision(), RETRY_MS).unref();
      else logger.log(`audit role reads ${granted.join(', ')}`);
    };
    void provision();
    return InvariantChecker.connect(config.AUDIT_DATABASE_URL, brokerDeadLetterProbe(config.AMQP_URL));
  },
};
