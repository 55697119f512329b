import type { SagaDefinitionView } from '../api/edge-api.types';
import { el } from '../dom/element';

/** The same state table as text: for screen readers, and for anyone who prefers rows to arrows. */
export function sagaTable(definition: SagaDefinitionView): HTMLDetailsElement {
  const rows = definition.transitions.map((t) =>
    el(
      'tr',
      { class: t.compensation ? 'is-compensation' : '' },
      el('td', {}, t.from),
      el('td', {}, el('code', {}, t.event), t.when ? el('span', { class: 'guard' }, ` when ${t.when}`) : null),
      el('td', {}, t.to),
      el('td', {}, t.send.length > 0 ? t.send.join(', ') : '—'),
      el('td', {}, t.compensation ? el('span', { class: 'badge badge-compensation' }, '↺ compensation') : null, t.note ? ` ${t.note}` : null),
    ),
  );
  return el(
    'details',
    { class: 'saga-table' },
    el('summary', {}, 'The state table as text'),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el('tr', {}, ...['In state', 'On event', 'Goes to', 'Sends', 'Notes'].map((h) => el('th', { scope: 'col' }, h))),
        ),
        el('tbody', {}, ...rows),
      ),
    ),
  );
}
