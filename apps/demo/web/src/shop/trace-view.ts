import { getCheckoutTrace } from '../api/edge-api';
import { el } from '../dom/element';
import { formatDuration, layoutWaterfall, type WaterfallBar } from './trace-waterfall';

const WAIT_LABEL = { outbox: 'waiting in the outbox', queue: 'waiting in the queue' } as const;

/**
 * "Where did the time go": the checkout's trace as a waterfall, a lane per service, with the
 * time messages sat in an outbox or a queue marked apart from work. Loaded on request (the
 * spans arrive in batches a moment after the work), and again from any choreography row.
 */
export class TraceView {
  readonly element: HTMLElement;
  private readonly body = el('div', { class: 'trace-body' });
  private readonly status = el('p', { class: 'hint', role: 'status' }, 'Press Pay, then open the trace of your checkout.');
  private readonly load = el('button', { type: 'button', class: 'button', 'data-testid': 'trace-load', disabled: true }, 'Show trace');
  private checkoutId: string | null = null;

  constructor() {
    this.load.addEventListener('click', () => void this.show());
    this.element = el(
      'section',
      { class: 'trace-view', id: 'trace', 'aria-labelledby': 'trace-heading', 'data-testid': 'trace-view' },
      el('h3', { id: 'trace-heading' }, 'Trace'),
      el('p', { class: 'trace-legend hint' }, el('span', { class: 'trace-bar is-work' }), ' work ', el('span', { class: 'trace-bar is-outbox' }), ' outbox wait ', el('span', { class: 'trace-bar is-queue' }), ' queue wait'),
      this.load,
      this.status,
      this.body,
    );
  }

  setCheckout(checkoutId: string | null): void {
    if (checkoutId === this.checkoutId) return;
    this.checkoutId = checkoutId;
    this.load.disabled = checkoutId === null;
    this.body.replaceChildren();
  }

  /** Loads the trace and marks the spans about `messageType` (a choreography row's message). */
  async show(messageType: string | null = null): Promise<void> {
    if (!this.checkoutId) return;
    this.status.textContent = 'Loading the trace…';
    try {
      const trace = await getCheckoutTrace(this.checkoutId);
      const waterfall = layoutWaterfall(trace.spans);
      this.status.textContent = `Trace ${trace.traceId}: ${trace.spans.length} spans over ${formatDuration(waterfall.totalMs)}.`;
      this.body.replaceChildren(
        ...waterfall.lanes.map((lane) =>
          el('div', { class: 'trace-lane', 'data-service': lane.service },
            el('div', { class: 'trace-lane-name' }, lane.service),
            el('div', { class: 'trace-lane-bars' }, ...lane.bars.map((bar) => barElement(bar, messageType)))),
        ),
      );
      this.element.scrollIntoView({ block: 'nearest' });
    } catch {
      this.status.textContent = 'No trace for this checkout yet (spans arrive a few seconds after the work); try again.';
    }
  }
}

function barElement(bar: WaterfallBar, highlighted: string | null): HTMLElement {
  const kind = bar.wait ? `is-${bar.wait}` : 'is-work';
  const title = `${bar.span.name}: ${formatDuration(bar.durationMs)}${bar.wait ? ` ${WAIT_LABEL[bar.wait]}` : ''}`;
  const classes = ['trace-bar', kind];
  if (highlighted && bar.messageType === highlighted) classes.push('is-highlighted');
  const element = el('span', { class: classes.join(' '), title, 'aria-label': title, 'data-testid': 'trace-span' });
  // Set through the CSSOM: the edge's CSP forbids style attributes, not this.
  element.style.left = `${bar.leftPct.toFixed(3)}%`;
  element.style.width = `${bar.widthPct.toFixed(3)}%`;
  return element;
}
