import { trace } from '@opentelemetry/api';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { RowStore } from '../bridge/row-store';
import { UpstreamClient } from '../upstream/upstream.client';
import { SCENARIOS, type Scenario, SHOP_SKU } from './scenarios';

interface Product {
  sku: string;
  name: string;
  unitAmount: number;
  currency: string;
}

/** The demo's use of the cluster: read the order from the catalog, start checkouts, read them back. */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
    private readonly rows: RowStore,
    private readonly upstream: UpstreamClient,
  ) {}

  /** The shop's one-line order, priced by the catalog; prices include VAT. */
  async order() {
    const { body: product } = await this.upstream.call<Product>('catalog', `${this.config.CATALOG_URL}/api/products/${SHOP_SKU}`);
    const qty = 1;
    const total = product.unitAmount * qty;
    const tax = Math.round((total * this.config.VAT_RATE_PERCENT) / (100 + this.config.VAT_RATE_PERCENT));
    return {
      sku: product.sku,
      name: product.name,
      unitAmount: product.unitAmount,
      qty,
      subtotal: total - tax,
      tax,
      total,
      currency: product.currency,
      taxRatePercent: this.config.VAT_RATE_PERCENT,
    };
  }

  /**
   * Starts this visitor's checkout with the inputs their scenario stands for, watched: the
   * visitor follows it live, so the orchestrator publishes its steps for the edge to draw.
   */
  async start(scenario: Scenario, idempotencyKey: string = randomUUID()): Promise<{ checkoutId: string }> {
    const { sku, paymentMethod } = SCENARIOS[scenario];
    const startedAt = new Date();
    const { body } = await this.upstream.call<{ checkoutId: string; state: string }>('checkout service', `${this.config.ORCHESTRATOR_URL}/api/checkouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ items: [{ sku, qty: 1 }], paymentMethod, watched: true }),
    });
    // Names the checkout on the edge's request span, so the trace is found from the Pay click on.
    trace.getActiveSpan()?.setAttribute('checkout.id', body.checkoutId);
    // The row only draws the Pay click on the page's message log (kept in Redis). The checkout
    // is started whatever happens to it: a Redis outage must not turn a started checkout into a 500.
    await this.rows
      .recordHttpStart(body.checkoutId, scenario, startedAt)
      .catch((error: unknown) => this.logger.warn(`start row of ${body.checkoutId} not kept: ${error}`));
    return { checkoutId: body.checkoutId };
  }

  async checkout(checkoutId: string) {
    return (await this.upstream.call<CheckoutView>('checkout service', `${this.config.ORCHESTRATOR_URL}/api/checkouts/${checkoutId}`)).body;
  }

  async sagaDefinition() {
    return (await this.upstream.call<unknown>('checkout service', `${this.config.ORCHESTRATOR_URL}/api/saga-definitions/checkout`)).body;
  }
}

export interface CheckoutView {
  checkoutId: string;
  state: string;
  final: boolean;
  reason: string | null;
  refunded: boolean;
  history: { from: string | null; to: string; event: string; messageId: string; compensation: boolean; at: string }[];
}
