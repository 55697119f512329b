import type { AlertsView, AlertView } from '@checkout/contracts/views';
import { el, sourceLink } from '../dom/element';
import { formatClock } from '../format/time';

/**
 * What Alertmanager reported (deploy/prometheus/rules, docs/runbooks): firing alerts first, then
 * the ones resolved lately, each with its runbook. `repoBase` turns a runbook's repository path
 * into a link, as "View source" links are.
 */
export function alertsSection(view: AlertsView, repoBase: string | null): HTMLElement {
  return el(
    'section',
    { 'aria-labelledby': 'ops-alerts', 'data-testid': 'ops-alerts' },
    el('h2', { id: 'ops-alerts' }, 'Alerts'),
    el(
      'p',
      { class: 'hint' },
      view.lastReceivedAt === null
        ? 'Nothing received from Alertmanager since the edge started (it posts every firing alert again each hour).'
        : `Last word from Alertmanager ${formatClock(view.lastReceivedAt)}.`,
    ),
    view.alerts.length === 0 ? el('p', { class: 'muted' }, 'No alert has fired.') : null,
    ...view.alerts.map((alert) => alertView(alert, repoBase)),
  );
}

function alertView(alert: AlertView, repoBase: string | null): HTMLElement {
  const labels = Object.entries(alert.labels).map(([name, value]) => `${name}=${value}`).join(' · ');
  return el(
    'article',
    { class: 'card ops-alert', 'data-testid': 'ops-alert', 'data-status': alert.status, 'data-alert': alert.name },
    el(
      'header',
      { class: 'ops-service-header' },
      el('h3', {}, alert.name),
      el('span', { class: `status ${alert.status === 'firing' ? 'status-down' : 'status-up'}` }, alert.status),
      alert.severity ? el('span', { class: 'muted' }, alert.severity) : null,
    ),
    el('p', {}, alert.summary),
    el(
      'p',
      { class: 'muted' },
      `since ${formatClock(alert.startsAt)}`,
      alert.endsAt ? ` · resolved ${formatClock(alert.endsAt)}` : '',
      labels ? ` · ${labels}` : '',
    ),
    alert.runbookUrl ? el('p', {}, runbookLink(alert.runbookUrl, repoBase)) : null,
  );
}

/** A full URL as it is; a repository path through the source links' base. */
function runbookLink(runbook: string, repoBase: string | null): HTMLElement {
  if (/^https?:\/\//.test(runbook)) return el('a', { href: runbook }, 'Runbook');
  return sourceLink(repoBase, runbook, 'Runbook', { title: runbook });
}
