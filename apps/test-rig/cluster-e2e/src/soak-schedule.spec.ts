// eslint-disable-next-line @nx/enforce-module-boundaries -- the soak is a script, not a library; its schedule's rules are checked here
import { drawSchedule } from '../../../../scripts/soak/fault-schedule';

describe("the soak's seeded fault schedule", () => {
  const catalogue = [
    { kind: 'kill-service', targets: ['catalog-svc', 'payments-svc'] },
    { kind: 'rotate-webhook-secret', targets: ['cluster'], minSeconds: 5 },
  ];

  it('is the same for the same seed', () => {
    expect(drawSchedule(42, 20, catalogue)).toEqual(drawSchedule(42, 20, catalogue));
  });

  it("never asks for less than a kind's minimum, which the agent would refuse with a 400", () => {
    const schedule = drawSchedule(42, 40, catalogue);
    const seconds = (kind: string) => schedule.filter((fault) => fault.kind === kind).map((fault) => fault.seconds);
    expect(Math.min(...seconds('rotate-webhook-secret'))).toBeGreaterThanOrEqual(5);
    // The other kinds keep their 2-8 s draw (so the minimum is applied per kind, not to all).
    expect(Math.min(...seconds('kill-service'))).toBeLessThan(5);
  });
});
