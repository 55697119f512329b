import { ConfigValidationError } from '@checkout/platform';
import { toxiproxyApi } from './api/toxiproxy.http';
import { loadFaultProxyConfig } from './fault-proxy.config';
import { ProxyRegistry } from './proxy/proxy-registry';

/** Exit code for bad configuration: the supervisor does not restart it (a restart cannot fix it). */
const EX_CONFIG = 78;

async function main(): Promise<void> {
  const config = loadFaultProxyConfig();
  const registry = new ProxyRegistry();
  await registry.populate(config.FAULT_PROXY_PROXIES);
  const api = toxiproxyApi(registry);
  await new Promise<void>((resolve) => api.listen(config.FAULT_PROXY_API_PORT, config.FAULT_PROXY_API_HOST, resolve));
  log(`listening on ${config.FAULT_PROXY_API_HOST}:${config.FAULT_PROXY_API_PORT} with ${registry.list().length} proxies`);
  const stop = () => {
    api.close();
    void registry.closeAll().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function log(message: string): void {
  process.stdout.write(`${JSON.stringify({ level: 'info', context: 'fault-proxy', message, time: new Date().toISOString() })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[fault-proxy] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigValidationError ? EX_CONFIG : 1);
});
