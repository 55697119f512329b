const msFormatter = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** Milliseconds since the first message of a checkout: "+0 ms", "+1,204 ms". */
export function formatOffsetMs(ms: number): string {
  return `+${msFormatter.format(Math.max(0, Math.round(ms)))} ms`;
}

export function offsetMs(at: string, firstAt: string): number {
  return Date.parse(at) - Date.parse(firstAt);
}

/** Wall-clock time to the millisecond, 24-hour, in the visitor's zone unless one is given. */
export function formatClock(at: string | number, timeZone?: string): string {
  const formatter = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
    timeZone,
  });
  return formatter.format(new Date(at));
}

/** A duration in seconds, for ages and waits: "45 s", "3 min 5 s", "2 h 10 min". */
export function formatSeconds(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  const minutes = Math.floor((seconds % 3600) / 60);
  return minutes === 0 ? `${Math.floor(seconds / 3600)} h` : `${Math.floor(seconds / 3600)} h ${minutes} min`;
}
