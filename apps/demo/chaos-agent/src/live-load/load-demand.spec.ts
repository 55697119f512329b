import { LINGER_MS, LoadDemand, type OnDemand } from './load-demand';

class Part implements OnDemand {
  running = false;
  starts = 0;
  start(): void {
    this.running = true;
    this.starts++;
  }
  stop(): void {
    this.running = false;
  }
}

describe('the live load on demand', () => {
  let load: Part;
  let observation: Part;
  let demand: LoadDemand;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-06T20:00:00Z') });
    load = new Part();
    observation = new Part();
    demand = new LoadDemand([load, observation]);
  });

  afterEach(async () => {
    await demand.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('does nothing while nobody watches and no experiment runs', () => {
    jest.advanceTimersByTime(60 * 60_000);
    expect(load.starts).toBe(0);
    expect(observation.starts).toBe(0);
    expect(demand.state()).toEqual({ running: false, since: null, stopsAt: null });
  });

  it('starts the load and the observation when a chaos page opens its stream', () => {
    demand.hold();
    expect(load.running).toBe(true);
    expect(observation.running).toBe(true);
    expect(demand.state()).toEqual({ running: true, since: Date.now(), stopsAt: null });
  });

  it('keeps running for as long as the page stays open', () => {
    demand.hold();
    jest.advanceTimersByTime(6 * 60 * 60_000);
    expect(load.running).toBe(true);
  });

  it('stops two minutes after the last page closes, not before', () => {
    const first = demand.hold();
    const second = demand.hold();
    first();
    jest.advanceTimersByTime(LINGER_MS + 1000);
    expect(load.running).toBe(true);

    const closedAt = Date.now();
    second();
    expect(demand.state().stopsAt).toBe(closedAt + LINGER_MS);
    jest.advanceTimersByTime(LINGER_MS - 1);
    expect(load.running).toBe(true);
    jest.advanceTimersByTime(1);
    expect(load.running).toBe(false);
    expect(observation.running).toBe(false);
    expect(demand.state().running).toBe(false);
  });

  it('a page opened again within the two minutes keeps the same run going', () => {
    demand.hold()();
    jest.advanceTimersByTime(LINGER_MS - 1000);
    const again = demand.hold();
    jest.advanceTimersByTime(LINGER_MS);
    expect(load.running).toBe(true);
    expect(load.starts).toBe(1);
    again();
  });

  it('runs for an experiment with nobody watching, until two minutes after its end', () => {
    const experimentEnds = Date.now() + 90_000;
    demand.keepUntil(experimentEnds);
    expect(load.running).toBe(true);
    jest.advanceTimersByTime(90_000 + LINGER_MS - 1);
    expect(load.running).toBe(true);
    jest.advanceTimersByTime(1);
    expect(load.running).toBe(false);
  });

  it('an experiment that ends while a page is open stops nothing; the page closing later does', () => {
    const close = demand.hold();
    demand.keepUntil(Date.now() + 10_000);
    jest.advanceTimersByTime(10 * 60_000);
    expect(load.running).toBe(true);
    close();
    jest.advanceTimersByTime(LINGER_MS);
    expect(load.running).toBe(false);
  });

  it('starts again when someone comes back after it stopped', () => {
    demand.hold()();
    jest.advanceTimersByTime(LINGER_MS);
    expect(load.running).toBe(false);
    demand.hold();
    expect(load.running).toBe(true);
    expect(load.starts).toBe(2);
  });

  it('tells its subscribers when the load starts and when it stops', () => {
    const seen: boolean[] = [];
    demand.subscribe((state) => seen.push(state.running));
    demand.hold()();
    jest.advanceTimersByTime(LINGER_MS);
    expect(seen[0]).toBe(false);
    expect(seen).toContain(true);
    expect(seen.at(-1)).toBe(false);
  });

  it('a release called twice counts once', () => {
    const close = demand.hold();
    const other = demand.hold();
    close();
    close();
    jest.advanceTimersByTime(LINGER_MS * 2);
    expect(load.running).toBe(true);
    other();
  });
});
