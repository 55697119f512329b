import type { AlertsView, AlertView } from '@checkout/contracts/views';
import type { ReceivedAlert } from './alertmanager-webhook';

/** Alerts kept for the console: enough for weeks of a quiet cluster, bounded for a noisy one. */
const DEFAULT_MAX_KEPT = 200;

/** Labels every alert has, shown in their own columns rather than among the others. */
const SHOWN_APART = new Set(['alertname', 'severity']);

/**
 * What Alertmanager has said of each alert (by its fingerprint), in memory: the console lists
 * what fires now and what resolved lately. Lost on a restart of the edge, and refilled by
 * Alertmanager's repeat of every firing alert (repeat_interval, deploy/alertmanager): what fires
 * is never forgotten for long, only the history of resolved ones is.
 */
export class AlertLog {
  private readonly byFingerprint = new Map<string, AlertView>();
  private lastReceivedAt: Date | null = null;

  constructor(private readonly maxKept = DEFAULT_MAX_KEPT) {}

  record(alerts: readonly ReceivedAlert[], at = new Date()): void {
    this.lastReceivedAt = at;
    for (const alert of alerts) {
      // Re-inserted so that the Map's order is the order of the last news of each alert.
      this.byFingerprint.delete(alert.fingerprint);
      this.byFingerprint.set(alert.fingerprint, toView(alert));
    }
    this.forgetOldestResolved();
  }

  view(): AlertsView {
    const alerts = [...this.byFingerprint.values()].reverse();
    return {
      lastReceivedAt: this.lastReceivedAt?.toISOString() ?? null,
      alerts: [...alerts.filter((a) => a.status === 'firing'), ...alerts.filter((a) => a.status === 'resolved')],
    };
  }

  /** Past the bound, resolved alerts go first, the longest-resolved first; firing ones stay. */
  private forgetOldestResolved(): void {
    for (const [fingerprint, alert] of this.byFingerprint) {
      if (this.byFingerprint.size <= this.maxKept) return;
      if (alert.status === 'resolved') this.byFingerprint.delete(fingerprint);
    }
  }
}

function toView(alert: ReceivedAlert): AlertView {
  const labels = Object.fromEntries(Object.entries(alert.labels).filter(([name]) => !SHOWN_APART.has(name)));
  return {
    name: alert.labels.alertname,
    status: alert.status,
    severity: alert.labels.severity ?? null,
    summary: alert.annotations.summary ?? alert.annotations.description ?? '',
    labels,
    runbookUrl: alert.annotations.runbook_url ?? null,
    startsAt: alert.startsAt,
    endsAt: alert.status === 'resolved' && alert.endsAt ? alert.endsAt : null,
  };
}
