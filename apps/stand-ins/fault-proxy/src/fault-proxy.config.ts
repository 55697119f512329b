import { env, loadConfig } from '@checkout/platform';
import { z } from 'zod';

const proxyList = z
  .string()
  .default('[]')
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'expected a JSON array of {name, listen, upstream}' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.object({ name: z.string().min(1), listen: z.string().min(3), upstream: z.string().min(3) })));

const schema = z.object({
  /** Toxiproxy's own default port, so tools that assume it find us. */
  FAULT_PROXY_API_PORT: env.port(8474),
  /** Loopback by default: whoever reaches this API can cut any service off its database. */
  FAULT_PROXY_API_HOST: z.string().default('127.0.0.1'),
  /** The proxies to open at start, before any service connects through them (Toxiproxy's -config). */
  FAULT_PROXY_PROXIES: proxyList,
});

export type FaultProxyConfig = z.output<typeof schema>;

export function loadFaultProxyConfig(source: NodeJS.ProcessEnv = process.env): FaultProxyConfig {
  return loadConfig(schema, source);
}
