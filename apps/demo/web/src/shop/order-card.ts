import type { OrderView } from '../api/edge-api.types';
import { el, fill } from '../dom/element';
import { orderLines } from './order-lines';

/** The order summary, filled from GET /api/demo/order (prices come from the catalog). */
export function renderOrder(target: HTMLElement, order: OrderView): void {
  const lines = orderLines(order).map((line) =>
    el(
      'div',
      { class: `order-line order-line-${line.role}` },
      el('dt', {}, line.label),
      el('dd', line.role === 'total' ? { 'data-testid': 'order-total' } : {}, line.value),
    ),
  );
  fill(
    target,
    el('h3', { class: 'product-name' }, order.name),
    el('p', { class: 'product-sku' }, 'SKU ', el('code', {}, order.sku)),
    el('dl', { class: 'order-lines' }, ...lines),
  );
}

export function renderOrderLoading(target: HTMLElement): void {
  fill(target, el('p', { class: 'muted' }, 'Loading the order…'));
}

export function renderOrderError(target: HTMLElement, retry: () => void): void {
  const button = el('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
  button.addEventListener('click', retry);
  fill(target, el('p', { class: 'alert alert-error', role: 'alert' }, 'Could not load the order from the catalog. '), button);
}
