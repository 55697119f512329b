import { announcedId, ClaimFloor } from './claim-floor';

/** A floor on a clock the test moves; full scans every 1,000 ms. */
function floor() {
  let now = 0;
  const subject = new ClaimFloor(1_000, () => now);
  subject.end(subject.begin(), null, null); // the first pass is a full scan
  return { subject, advance: (ms: number) => (now += ms) };
}

describe('where the relay claims from', () => {
  it('starts at the first row, then past the rows a pass took', () => {
    const subject = new ClaimFloor(1_000, () => 0);
    const first = subject.begin();
    expect(first.from).toBe(0n);
    subject.end(first, 40n, null);
    expect(subject.begin().from).toBe(41n);
  });

  it('stays where it was after a pass that found nothing', () => {
    const { subject } = floor();
    subject.end(subject.begin(), 9n, null);
    subject.end(subject.begin(), null, null);
    expect(subject.begin().from).toBe(10n);
  });

  it('goes down to a row announced below it: a commit that took its id before the rows already sent', () => {
    const { subject } = floor();
    subject.end(subject.begin(), 99n, null);
    subject.lower(70n);
    expect(subject.begin().from).toBe(70n);
  });

  it('keeps a row announced while a pass ran, even when that pass took rows above it', () => {
    const { subject } = floor();
    subject.end(subject.begin(), 9n, null);
    const pass = subject.begin();
    subject.lower(5n); // committed after the pass's snapshot: the pass did not see it
    subject.end(pass, 50n, null);
    expect(subject.begin().from).toBe(5n);
  });

  it('keeps a row the pass took but could not publish', () => {
    const { subject } = floor();
    subject.end(subject.begin(), 9n, null);
    subject.end(subject.begin(), 30n, 12n);
    expect(subject.begin().from).toBe(12n);
  });

  it('after a pass that rolled back, looks again from where that pass began, whatever another pass took meanwhile', () => {
    const { subject } = floor();
    subject.end(subject.begin(), 9n, null);
    const failing = subject.begin();
    const sibling = subject.begin();
    subject.abort(failing);
    subject.end(sibling, 80n, null);
    expect(subject.begin().from).toBe(10n);
  });

  it('goes back to the first row for a notification without an id (the listener was away)', () => {
    const { subject } = floor();
    subject.end(subject.begin(), 99n, null);
    subject.lower(null);
    expect(subject.begin().from).toBe(0n);
  });

  it('scans from the first row again once a full scan is due, for rows nobody announced', () => {
    const { subject, advance } = floor();
    subject.end(subject.begin(), 99n, null);
    advance(999);
    const early = subject.begin();
    expect(early.from).toBe(100n);
    subject.end(early, null, null);
    advance(1);
    const due = subject.begin();
    expect(due.from).toBe(0n);
    subject.end(due, null, null);
    expect(subject.begin().from).toBe(100n);
  });
});

describe('an announced outbox id', () => {
  it('is read from digits, and nothing else', () => {
    expect(announcedId('12345')).toBe(12345n);
    expect(announcedId('9223372036854775807')).toBe(9223372036854775807n);
    for (const payload of ['', '-1', '1.5', '12 ', 'abc', '1'.repeat(20)]) expect(announcedId(payload)).toBeNull();
  });
});
