import { repoBaseUrl } from '../api/demo-config';
import { getOrder } from '../api/edge-api';
import type { OrderView } from '../api/edge-api.types';
import { el } from '../dom/element';
import { formatMoney } from '../format/money';
import { setTitle } from '../app/page-title';
import { checkoutSession, type SessionSnapshot } from './checkout-session';
import { finalBanner, progressLine } from './checkout-status';
import { ChoreographyTable } from './choreography-table';
import { eventLogTable } from './event-log-table';
import { renderOrder, renderOrderError, renderOrderLoading } from './order-card';
import { scenarioPicker } from './scenario-picker';
import { TraceView } from './trace-view';

/** `/`: the one-product shop, and beside it the saga that the Pay button starts. */
export function mountShop(root: HTMLElement): () => void {
  setTitle('Shop');
  let order: OrderView | null = null;
  let repoBase: string | null = null;
  const orderBody = el('div', { class: 'order-body' });
  const picker = scenarioPicker((scenario) => checkoutSession.chooseScenario(scenario));
  const pay = el('button', { type: 'button', class: 'button button-primary pay-button', 'data-testid': 'pay-button', disabled: true }, 'Pay');
  const payError = el('p', { class: 'alert alert-error', role: 'alert', hidden: true });
  const progress = progressLine();
  const banner = finalBanner();
  const traceView = new TraceView();
  const table = new ChoreographyTable(() => repoBase, (messageType) => void traceView.show(messageType));
  const log = eventLogTable();

  pay.addEventListener('click', () => void checkoutSession.pay());

  root.append(
    el('h1', { class: 'visually-hidden', tabindex: '-1' }, 'Shop'),
    el(
      'div',
      { class: 'shop-layout' },
      el(
        'section',
        { class: 'card order-card', 'aria-labelledby': 'order-heading' },
        el('h2', { id: 'order-heading' }, 'Your order'),
        orderBody,
        picker.element,
        pay,
        payError,
      ),
      el(
        'section',
        { class: 'card behind', 'aria-labelledby': 'behind-heading' },
        el('h2', { id: 'behind-heading' }, 'Behind the scenes'),
        el('p', { class: 'hint' }, 'Every row is a message that really crossed the cluster: HTTP at the edge, then RabbitMQ events through each service’s outbox.'),
        progress.element,
        banner.element,
        el('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Choreography', tabindex: '0' }, table.element),
        traceView.element,
        el('h3', {}, 'Events'),
        el('div', { class: 'table-scroll' }, log.element),
      ),
    ),
  );

  let latest: SessionSnapshot | null = null;
  let configLoaded = false;
  const render = (snapshot: SessionSnapshot): void => {
    latest = snapshot;
    const busy = snapshot.phase === 'starting' || snapshot.phase === 'running';
    picker.select(snapshot.scenario);
    pay.disabled = busy || order === null;
    pay.setAttribute('aria-busy', String(busy));
    pay.textContent = busy ? 'Checkout running…' : order ? `Pay ${formatMoney(order.total, order.currency)}` : 'Pay';
    payError.hidden = snapshot.error === null;
    payError.textContent = snapshot.error ?? '';
    traceView.setCheckout(snapshot.checkout?.checkoutId ?? null);
    progress.update(snapshot);
    banner.update(snapshot);
    // Rows wait for the repository URL, so their "View source" links are right the first time.
    if (configLoaded) table.update(snapshot.rows);
    log.update(snapshot.log);
  };
  const rerender = (): void => {
    if (active && latest) render(latest);
  };

  let active = true;
  const loadOrder = (): void => {
    renderOrderLoading(orderBody);
    getOrder().then(
      (loaded) => {
        order = loaded;
        if (active) renderOrder(orderBody, loaded);
        rerender();
      },
      () => active && renderOrderError(orderBody, loadOrder),
    );
  };
  const unsubscribe = checkoutSession.subscribe(render);
  void repoBaseUrl().then((base) => {
    repoBase = base;
    configLoaded = true;
    rerender();
  });
  checkoutSession.resume();
  loadOrder();
  return () => {
    active = false;
    unsubscribe();
  };
}
