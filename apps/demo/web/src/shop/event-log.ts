import type { CheckoutView } from '../api/edge-api.types';

/** One line of the events log: the saga's own history, plus what the browser itself did. */
export interface LogEntry {
  /** Identity for de-duplication: the saga's whole history arrives with every state update. */
  readonly key: string;
  readonly at: string;
  readonly event: string;
  readonly status: string;
  readonly tone: 'normal' | 'compensation' | 'error';
}

export function historyEntries(view: CheckoutView): LogEntry[] {
  return view.history.map((step) => ({
    key: `step|${step.messageId ?? ''}|${step.event}|${step.from}|${step.to}|${step.at}`,
    at: step.at,
    event: step.event,
    status: step.from === step.to ? `stays ${step.to}` : `${step.from ?? 'Initial'} → ${step.to}`,
    tone: step.compensation ? 'compensation' : 'normal',
  }));
}

export function mergeLog(current: readonly LogEntry[], incoming: readonly LogEntry[]): LogEntry[] {
  const byKey = new Map<string, LogEntry>();
  for (const entry of [...current, ...incoming]) {
    byKey.set(entry.key, entry);
  }
  return [...byKey.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
