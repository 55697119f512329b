import { parseRetryAfter } from './retry-after';

describe('a 429 telling the visitor when to try again', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('reads a number of seconds', () => {
    expect(parseRetryAfter('17', now)).toBe(17);
  });

  it('reads an HTTP date as the seconds left until then, rounded up', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:09 GMT', now + 500)).toBe(9);
  });

  it('never asks for a negative wait when the date has passed', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:59:00 GMT', now)).toBe(0);
  });

  it('gives null when the header is missing or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});
