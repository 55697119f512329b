import { el, fill } from '../dom/element';
import type { SessionSnapshot } from './checkout-session';
import { outcomeOf } from './outcome';

/** The one-line progress of the checkout, announced politely to screen readers. */
export function progressLine(): { element: HTMLElement; update: (snapshot: SessionSnapshot) => void } {
  const element = el('p', { class: 'saga-progress', role: 'status', 'data-testid': 'saga-state' });
  const update = (snapshot: SessionSnapshot): void => {
    element.dataset['phase'] = snapshot.phase;
    element.textContent = progressText(snapshot);
  };
  return { element, update };
}

function progressText(snapshot: SessionSnapshot): string {
  const id = snapshot.checkout?.checkoutId;
  const state = snapshot.view?.state;
  switch (snapshot.phase) {
    case 'idle':
      return 'No checkout yet. Choose a failure to inject, or none, and press Pay.';
    case 'starting':
      return 'Starting your checkout…';
    case 'running':
      if (snapshot.awaitingRefund) return `Checkout ${id}: cancelled; waiting for the late payment, which will be refunded…`;
      if (snapshot.stream === 'reconnecting') return `Checkout ${id}: ${state ?? 'started'} (reconnecting to the live stream…)`;
      return `Checkout ${id}: ${state ?? 'started'}…`;
    case 'finished':
      return `Checkout ${id}: ${state ?? 'unknown'}.`;
  }
}

/** The final state, shown plainly: Completed, Cancelled with its reason, or Failed. */
export function finalBanner(): { element: HTMLElement; update: (snapshot: SessionSnapshot) => void } {
  const element = el('div', { class: 'final-state', 'data-testid': 'final-state', hidden: true });
  const update = (snapshot: SessionSnapshot): void => {
    const outcome = snapshot.view ? outcomeOf(snapshot.view) : null;
    element.hidden = outcome === null;
    if (outcome === null) {
      delete element.dataset['state'];
      element.className = 'final-state';
      element.replaceChildren();
      return;
    }
    element.dataset['state'] = outcome.state;
    element.className = `final-state final-state-${outcome.kind}`;
    // The icon is drawn by the stylesheet, so the element's text is exactly the outcome.
    if (element.textContent !== outcome.text) fill(element, el('strong', {}, outcome.text));
  };
  return { element, update };
}
