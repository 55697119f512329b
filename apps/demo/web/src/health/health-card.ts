import type { ServiceHealth } from '../api/edge-api.types';
import { el } from '../dom/element';
import { summariseChecks } from './health-checks';

/** One service: ready or down, then each check with its status and details. */
export function healthCard(service: ServiceHealth): HTMLElement {
  const checks = summariseChecks(service.checks);
  return el(
    'article',
    {
      class: service.ready ? 'card health-card is-ready' : 'card health-card is-down',
      'data-testid': 'health-card',
      'data-service': service.name,
      'data-ready': String(service.ready),
      'aria-labelledby': `health-${service.name}`,
    },
    el(
      'header',
      { class: 'health-card-header' },
      el('h2', { id: `health-${service.name}` }, service.name),
      el('span', { class: service.ready ? 'status status-up' : 'status status-down' }, service.ready ? 'Ready' : 'Down'),
    ),
    checks.length === 0
      ? el('p', { class: 'muted' }, 'No checks reported.')
      : el(
          'ul',
          { class: 'health-checks' },
          ...checks.map((check) =>
            el(
              'li',
              { class: `health-check check-${check.status}`, 'data-check': check.name },
              el(
                'div',
                { class: 'check-heading' },
                el('span', { class: 'check-name' }, check.label),
                el('span', { class: `status status-${check.status}` }, check.status),
              ),
              check.details.length > 0
                ? el(
                    'dl',
                    { class: 'check-details' },
                    ...check.details.map((detail) =>
                      el('div', { class: detail.warn ? 'check-detail is-warn' : 'check-detail' }, el('dt', {}, detail.label), el('dd', {}, detail.value)),
                    ),
                  )
                : null,
            ),
          ),
        ),
  );
}
