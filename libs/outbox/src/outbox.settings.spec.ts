import { OutboxSettings } from './outbox.settings';

describe("the outbox's settings", () => {
  it('relays in passes of up to 1000 rows, three at once through a backlog, unless told otherwise', () => {
    expect(new OutboxSettings({ schema: 'catalog' })).toMatchObject({ concurrency: 3, batchSize: 1000 });
  });

  it.each([
    ['batchSize', 0],
    ['batchSize', 2.5],
    ['batchSize', Number.NaN],
    ['concurrency', -1],
  ])('refuses %s %p with a message naming it', (name, value) => {
    expect(() => new OutboxSettings({ schema: 'catalog', [name]: value })).toThrow(new RegExp(`outbox ${name} must be a positive whole number`));
  });
});
