import { env } from '@checkout/platform';

/** The edge's chaos settings, merged into the bff's one validated configuration. */
export function chaosSettings() {
  return {
    /** The chaos agent's internal API (loopback): the only component that performs faults. */
    CHAOS_AGENT_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3005'),
  };
}
