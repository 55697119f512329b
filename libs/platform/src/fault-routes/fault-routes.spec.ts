import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../testing/eventually';
import { FaultRoutes } from './fault-routes';
import { readAck, ROUTES_FILE, writeRoutes } from './routes-file';

const PROXIES = { postgres: '127.0.0.1:15402', rabbitmq: '127.0.0.1:15502' };

describe('FaultRoutes', () => {
  let dir: string;
  let routes: FaultRoutes | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fault-routes-'));
  });

  afterEach(() => {
    routes?.onApplicationShutdown();
    routes = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (routes: Parameters<typeof writeRoutes>[1]) => writeRoutes(dir, routes);
  const ack = (instance = '0') => readAck(dir, 'catalog-svc', instance);
  const start = (instance = '0') => {
    routes = new FaultRoutes({ dir, service: 'catalog-svc', instance, proxies: PROXIES });
    return routes;
  };

  it('starts direct without a routes file, and acknowledges version 0', () => {
    const started = start();
    started.onModuleInit();

    expect(started.addressOf('postgres')).toBeUndefined();
    expect(started.addressOf('rabbitmq')).toBeUndefined();
    expect(ack()).toEqual({ version: 0, proxied: [] });
  });

  it('starts through the proxy when the file routes it there (a process started during a fault)', () => {
    write({ version: 4, proxied: { 'catalog-svc': ['rabbitmq'], 'payments-svc': ['postgres'] } });
    const started = start('1');
    started.onModuleInit();

    expect(started.addressOf('rabbitmq')).toBe(PROXIES.rabbitmq);
    expect(started.addressOf('postgres')).toBeUndefined();
    expect(ack('1')).toEqual({ version: 4, proxied: ['rabbitmq'] });
  });

  it('moves a dependency when the file changes, acknowledges only once moved, and moves it back', async () => {
    const started = start();
    const moves: (string | undefined)[] = [];
    let finishMove!: () => void;
    started.follow('postgres', (address) => {
      moves.push(address);
      return new Promise<void>((resolve) => (finishMove = resolve));
    });
    started.onModuleInit();

    write({ version: 1, proxied: { 'catalog-svc': ['postgres'] } });
    await eventually(() => moves.length === 1, 5000, 'the move to the proxy');
    expect(moves[0]).toBe(PROXIES.postgres);
    expect(ack()?.version).toBe(0); // not yet moved, so not yet acknowledged
    finishMove();
    await eventually(() => ack()?.version === 1, 5000, 'the acknowledgement');
    expect(ack()).toEqual({ version: 1, proxied: ['postgres'] });
    expect(started.addressOf('postgres')).toBe(PROXIES.postgres);

    write({ version: 2, proxied: {} });
    await eventually(() => moves.length === 2, 5000, 'the move back');
    expect(moves[1]).toBeUndefined();
    finishMove();
    await eventually(() => ack()?.version === 2, 5000, 'the second acknowledgement');
    expect(ack()).toEqual({ version: 2, proxied: [] });
  });

  it("acknowledges another service's change without moving anything", async () => {
    const started = start();
    const move = jest.fn(async () => undefined);
    started.follow('rabbitmq', move);
    started.onModuleInit();

    write({ version: 7, proxied: { 'payments-svc': ['rabbitmq'] } });
    await eventually(() => ack()?.version === 7, 5000, 'the acknowledgement');
    expect(move).not.toHaveBeenCalled();
  });

  it('says where it really is when a move fails', async () => {
    const started = start();
    started.follow('rabbitmq', async () => {
      throw new Error('broker unreachable');
    });
    started.onModuleInit();

    write({ version: 3, proxied: { 'catalog-svc': ['rabbitmq'] } });
    await eventually(() => ack()?.version === 3, 5000, 'the acknowledgement');
    expect(ack()?.proxied).toEqual([]);
    expect(started.addressOf('rabbitmq')).toBeUndefined();
  });

  it('ignores a malformed file and a dependency it has no listener for', () => {
    writeFileSync(join(dir, ROUTES_FILE), '{"version": "x"');
    expect(start().addressOf('postgres')).toBeUndefined();
    write({ version: 1, proxied: { 'bff-web': ['postgres'] } });
    expect(new FaultRoutes({ dir, service: 'bff-web', instance: '0', proxies: { rabbitmq: PROXIES.rabbitmq } }).addressOf('postgres')).toBeUndefined();
  });

  it('does nothing at all without a directory (compose, or no chaos agent)', () => {
    const none = new FaultRoutes({ service: 'catalog-svc', instance: '0', proxies: PROXIES });
    none.onModuleInit();
    expect(none.addressOf('postgres')).toBeUndefined();
  });
});
