import { Wakeup } from './wakeup';

describe('the relay wake-up', () => {
  it('remembers a notify that arrived while nobody was waiting', async () => {
    const wakeup = new Wakeup();
    wakeup.notify();
    const started = Date.now();
    await wakeup.wait(5_000);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('wakes a waiter as soon as it is notified', async () => {
    const wakeup = new Wakeup();
    const started = Date.now();
    setTimeout(() => wakeup.notify(), 20);
    await wakeup.wait(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives up waiting after the timeout when nothing happens', async () => {
    const wakeup = new Wakeup();
    const started = Date.now();
    await wakeup.wait(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('does not carry one notify over to two waits', async () => {
    const wakeup = new Wakeup();
    wakeup.notify();
    await wakeup.wait(5_000);
    const started = Date.now();
    await wakeup.wait(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('the relay wake-up with several loops waiting', () => {
  it('wakes just one waiting loop per notify', async () => {
    const wakeup = new Wakeup();
    const woken: string[] = [];
    const first = wakeup.wait(300).then(() => woken.push(`first@${Date.now() - started}`));
    const second = wakeup.wait(300).then(() => woken.push(`second@${Date.now() - started}`));
    const started = Date.now();
    wakeup.notify();
    await Promise.all([first, second]);
    expect(Number(woken[0].split("@")[1])).toBeLessThan(200); // at once
    expect(Number(woken[1].split('@')[1])).toBeGreaterThanOrEqual(250); // only by its timeout
  });

  it('wakes every waiting loop on notifyAll', async () => {
    const wakeup = new Wakeup();
    const started = Date.now();
    const both = Promise.all([wakeup.wait(5_000), wakeup.wait(5_000)]);
    wakeup.notifyAll();
    await both;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
