import { getCheckout, traceAvailable, traceUrl } from '../api/edge-api';
import type { OpsCheckout, OpsCheckouts } from '../api/edge-api.types';
import { el, fill } from '../dom/element';
import { formatMoney } from '../format/money';
import { formatSeconds } from '../format/time';
import { actionButton } from './action-button';

/** What the table does when the operator presses resume; absent without a working token. */
export type ResumeAction = ((checkout: OpsCheckout) => void) | null;

/** Counts per state, then every listed checkout, stuck ones first (the edge's order). */
export function checkoutsSection(view: OpsCheckouts, resume: ResumeAction, now: number): HTMLElement {
  const counts = el(
    'ul',
    { class: 'ops-state-counts', 'data-testid': 'ops-state-counts' },
    ...view.states.map((state) =>
      el('li', { class: state.attention ? 'is-attention' : '', 'data-state': state.name }, `${state.name} `, el('strong', {}, String(state.count))),
    ),
  );
  const rows =
    view.checkouts.length === 0
      ? [el('tr', { class: 'empty-row' }, el('td', { colspan: 6 }, 'No checkouts.'))]
      : view.checkouts.map((checkout) => checkoutRow(checkout, resume, now));
  return el(
    'section',
    { 'aria-labelledby': 'ops-checkouts' },
    el('h2', { id: 'ops-checkouts' }, 'Checkouts'),
    el('p', { class: 'hint' }, `Stuck: Failed, or in a state that is not final for over ${formatSeconds(view.stuckAfterSeconds)}.`),
    counts,
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { 'data-testid': 'ops-checkouts' },
        el('thead', {}, el('tr', {}, ...['State', 'Checkout', 'Total', 'Unchanged for', 'Reason', ''].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...rows),
      ),
    ),
  );
}

function checkoutRow(checkout: OpsCheckout, resume: ResumeAction, now: number): HTMLElement {
  const idle = (now - Date.parse(checkout.updatedAt)) / 1000;
  return el(
    'tr',
    {
      class: checkout.stuck ? 'ops-row is-stuck' : 'ops-row',
      'data-testid': 'ops-checkout',
      'data-checkout-id': checkout.checkoutId ?? '',
      'data-state': checkout.state,
      'data-stuck': String(checkout.stuck),
    },
    el('td', {}, el('span', { class: checkout.stuck ? 'badge badge-compensation' : 'badge' }, checkout.state)),
    el('td', {}, checkout.checkoutId === null ? el('span', { class: 'hint', title: 'Ids are shown with the operator token' }, 'hidden') : historyToggle(checkout.checkoutId)),
    el('td', {}, checkout.total === null || checkout.currency === null ? '—' : formatMoney(checkout.total, checkout.currency)),
    el('td', {}, formatSeconds(idle)),
    el('td', {}, checkout.reason ?? ''),
    el('td', {}, resume && checkout.resumable ? actionButton('Resume', 'resume-button', () => resume(checkout)) : null),
  );
}

/** The checkout's id; opening it loads its history (and a trace link if the edge has traces). */
function historyToggle(checkoutId: string): HTMLElement {
  const body = el('div', { class: 'ops-history' }, 'Loading…');
  const details = el('details', { 'data-testid': 'ops-history' }, el('summary', {}, el('code', {}, checkoutId)), body);
  details.addEventListener(
    'toggle',
    () => {
      void Promise.all([getCheckout(checkoutId), traceAvailable(checkoutId)]).then(
        ([view, traced]) =>
          fill(
            body,
            el('ol', {}, ...view.history.map((step) => el('li', { class: step.compensation ? 'is-compensation' : '' }, `${step.from ?? 'Initial'} —${step.event}→ ${step.to}`))),
            traced ? el('a', { href: traceUrl(checkoutId) }, 'Trace') : null,
          ),
        () => fill(body, 'The history could not be loaded.'),
      );
    },
    { once: true },
  );
  return details;
}
