import { ackFile, ROUTES_FILE, type RoutesFile } from '@checkout/platform';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FaultRoutesWriter } from './fault-routes.writer';

describe('FaultRoutesWriter', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fault-routes-writer-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const routes = () => JSON.parse(readFileSync(join(dir, ROUTES_FILE), 'utf8')) as RoutesFile;
  const acknowledge = (service: string, instance: number, version: number, proxied: string[]) => {
    const file = ackFile(dir, service, String(instance));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version, proxied }));
  };

  it('routes a service through the proxy and waits until each of its processes has moved', async () => {
    const writer = new FaultRoutesWriter(dir, async () => 2, 5000);
    // The two replicas of the orchestrator acknowledge a little later, as a move takes time.
    setTimeout(() => acknowledge('checkout-orchestrator', 0, 1, ['rabbitmq']), 50);
    setTimeout(() => acknowledge('checkout-orchestrator', 1, 1, ['rabbitmq']), 150);

    const moved = await writer.route(['checkout-orchestrator'], 'rabbitmq', true);

    expect(moved).toEqual({ moved: 2, of: 2 });
    expect(routes()).toEqual({ version: 1, proxied: { 'checkout-orchestrator': ['rabbitmq'] } });
  });

  it('keeps what else is routed, and brings one dependency back', async () => {
    writeFileSync(join(dir, ROUTES_FILE), JSON.stringify({ version: 5, proxied: { 'catalog-svc': ['postgres', 'rabbitmq'], 'payments-svc': ['postgres'] } }));
    acknowledge('catalog-svc', 0, 6, ['postgres']);
    const writer = new FaultRoutesWriter(dir, async () => 1, 5000);

    expect(await writer.route(['catalog-svc'], 'rabbitmq', false)).toEqual({ moved: 1, of: 1 });
    expect(routes()).toEqual({ version: 6, proxied: { 'catalog-svc': ['postgres'], 'payments-svc': ['postgres'] } });
  });

  it('counts neither an old acknowledgement nor one that says the move failed, and goes ahead after its wait', async () => {
    acknowledge('catalog-svc', 0, 0, []); // from before this route
    const writer = new FaultRoutesWriter(dir, async () => 2, 300);
    setTimeout(() => acknowledge('catalog-svc', 1, 1, []), 50); // version 1, but still direct

    expect(await writer.route(['catalog-svc'], 'postgres', true)).toEqual({ moved: 0, of: 2 });
  });

  it('moves nothing without a directory: in compose every connection passes through Toxiproxy already', async () => {
    const writer = new FaultRoutesWriter(undefined, async () => 1);
    expect(await writer.route(['catalog-svc'], 'postgres', true)).toEqual({ moved: 0, of: 0 });
  });
});
