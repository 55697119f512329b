import { liveLoadText } from './live-load-status';

const state = { running: true, perSecond: 5, since: '2026-12-06T20:31:02.000Z', stopsAt: null, lingerSeconds: 120 };

describe('what the chaos page says about the live load', () => {
  it('says when the load started and the rule that keeps it running', () => {
    const text = liveLoadText(state);
    expect(text).toMatch(/5 paying checkouts a second since \d\d:\d\d:\d\d/);
    expect(text).toMatch(/stops 2 minutes after the last of them/);
    expect(text).not.toMatch(/With nobody here/);
  });

  it('says when it stops once nobody holds it', () => {
    expect(liveLoadText({ ...state, stopsAt: '2026-12-06T20:40:00.000Z' })).toMatch(/With nobody here it stops at \d\d:\d\d:\d\d/);
  });

  it('says it is starting before the agent has answered', () => {
    expect(liveLoadText(null)).toMatch(/starts when this page opens/);
    expect(liveLoadText({ ...state, running: false, since: null })).toMatch(/starting now/);
  });

  it('says when the cluster has it switched off', () => {
    expect(liveLoadText({ ...state, perSecond: 0 })).toMatch(/switched off/);
  });
});
