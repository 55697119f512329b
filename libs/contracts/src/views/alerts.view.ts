/** One alert as the operations console lists it: what Alertmanager last said of it. */
export interface AlertView {
  /** The rule's name (`alertname`), e.g. OutboxMessageStuck. */
  readonly name: string;
  readonly status: 'firing' | 'resolved';
  /** `page` (look now) or `ticket` (within the working day); null when the rule sets none. */
  readonly severity: string | null;
  readonly summary: string;
  /** The alert's other labels (service, queue, state, …), as the rule grouped it. */
  readonly labels: Readonly<Record<string, string>>;
  /** The runbook, a path in this repository (docs/runbooks/<alert>.md) or a full URL. */
  readonly runbookUrl: string | null;
  readonly startsAt: string;
  /** When it resolved; null while firing. */
  readonly endsAt: string | null;
}

export interface AlertsView {
  /** When Alertmanager last posted to this edge; null if it never has since the edge started. */
  readonly lastReceivedAt: string | null;
  /** Firing first (newest first), then resolved (most recently resolved first). */
  readonly alerts: readonly AlertView[];
}
