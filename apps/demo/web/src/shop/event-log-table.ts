import { el, fill } from '../dom/element';
import { formatClock } from '../format/time';
import type { LogEntry } from './event-log';

/** The events log under the choreography: the saga's steps and what the browser did. */
export function eventLogTable(): { element: HTMLTableElement; update: (log: readonly LogEntry[]) => void } {
  const body = el('tbody');
  const element = el(
    'table',
    { class: 'event-log', 'data-testid': 'event-log' },
    el('caption', { class: 'visually-hidden' }, 'Events log'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Time'), el('th', { scope: 'col' }, 'Event'), el('th', { scope: 'col' }, 'Status'))),
    body,
  );
  const update = (log: readonly LogEntry[]): void => {
    if (log.length === 0) {
      fill(body, el('tr', { class: 'empty-row' }, el('td', { colspan: 3 }, 'Nothing yet.')));
      return;
    }
    fill(
      body,
      ...log.map((entry) =>
        el(
          'tr',
          { class: `log-${entry.tone}`, 'data-event': entry.event },
          el('td', { class: 'log-time' }, el('time', { datetime: entry.at }, formatClock(entry.at))),
          el('td', {}, entry.event, entry.tone === 'compensation' ? el('span', { class: 'badge badge-compensation' }, '↺ compensation') : null),
          el('td', {}, entry.tone === 'error' ? el('span', { class: 'visually-hidden' }, 'Problem: ') : null, entry.status),
        ),
      ),
    );
  };
  update([]);
  return { element, update };
}
