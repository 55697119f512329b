/**
 * Seconds to wait from a Retry-After header, which HTTP allows as either a number of seconds
 * or an HTTP date. Null when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) {
    return null;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  // An HTTP date always names its day and month; without letters, Date.parse would read "-3" as a year.
  const dateMs = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(dateMs)) {
    return null;
  }
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}
