import type { CheckoutTraceView, TraceSpanView } from '@checkout/contracts/views';

/**
 * The bff-web edge API as the browser sees it (`/api/demo/*`, same origin). Amounts are
 * integers in minor units (3999 = £39.99) so no rounding happens before display.
 */

export type Scenario =
  | 'happy'
  | 'payment-declined'
  | 'out-of-stock'
  | 'payment-timeout'
  | 'late-payment'
  | 'duplicate-webhook';

export type Participant =
  | 'browser'
  | 'bff-web'
  | 'checkout-orchestrator'
  | 'catalog-svc'
  | 'payments-svc'
  | 'psp-sandbox';

export interface OrderView {
  readonly sku: string;
  readonly name: string;
  readonly unitAmount: number;
  readonly qty: number;
  readonly subtotal: number;
  readonly tax: number;
  readonly total: number;
  readonly currency: string;
  readonly taxRatePercent: number;
}

export interface StartedCheckout {
  readonly checkoutId: string;
}

export interface HistoryStep {
  /** Null for the step that created the checkout. */
  readonly from: string | null;
  readonly to: string;
  readonly event: string;
  readonly messageId: string | null;
  readonly compensation: boolean;
  readonly at: string;
}

export interface CheckoutItem {
  readonly sku: string;
  readonly qty: number;
}

export interface CheckoutView {
  readonly checkoutId: string;
  readonly state: string;
  readonly final: boolean;
  readonly items: readonly CheckoutItem[];
  readonly total: number;
  readonly currency: string;
  readonly reason: string | null;
  readonly refunded: boolean;
  readonly history: readonly HistoryStep[];
}

/** One message that really crossed the cluster, as the live stream reports it. */
export interface MessageRow {
  readonly id: string;
  readonly name: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly channel: 'http' | 'outbox';
  /** `from` is null for the step that created the checkout. */
  readonly transition: { readonly from: string | null; readonly to: string } | null;
  readonly at: string;
  readonly compensation: boolean;
  readonly sourcePath: string | null;
  readonly detail: string | null;
}

export interface SagaStateView {
  readonly name: string;
  readonly final: boolean;
  readonly attention: boolean;
}

export interface SagaTransitionView {
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly send: readonly string[];
  readonly compensation: boolean;
  readonly when: string | null;
  readonly note: string | null;
}

/** The orchestrator's own state table, flattened: the diagram is drawn from this. */
export interface SagaDefinitionView {
  readonly name: string;
  readonly initial: string;
  readonly states: readonly SagaStateView[];
  readonly transitions: readonly SagaTransitionView[];
}

/** A terminus-style check: a status plus whatever details the service reports. */
export interface HealthCheck {
  readonly status: 'up' | 'down';
  readonly [detail: string]: unknown;
}

/** What the edge shows a visitor of one service: no addresses, only status and counts. */
export interface ServiceHealth {
  readonly name: string;
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, HealthCheck>>;
}

export interface ClusterHealth {
  readonly services: readonly ServiceHealth[];
  readonly at: string;
}

export interface ArticleSummary {
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
}

export interface Article {
  readonly slug: string;
  readonly title: string;
  readonly markdown: string;
}

export interface DemoConfig {
  readonly repoBaseUrl: string;
}

/** A checkout in the operations console; `stuck` and `resumable` are decided by the edge. */
export interface OpsCheckout {
  /** Null without the operator token: an id is the key to someone's checkout. */
  readonly checkoutId: string | null;
  readonly state: string;
  readonly stuck: boolean;
  readonly resumable: boolean;
  readonly reason: string | null;
  readonly refunded: boolean;
  readonly total: number | null;
  readonly currency: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface OpsCheckouts {
  /** False when the edge has no operator token configured: no action can succeed. */
  readonly actionsEnabled: boolean;
  readonly stuckAfterSeconds: number;
  readonly states: readonly (SagaStateView & { readonly count: number })[];
  readonly checkouts: readonly OpsCheckout[];
}

export interface OpsDeadLetter {
  readonly queue: string;
  readonly messageId: string | null;
  readonly type: string | null;
  readonly correlationId: string | null;
  readonly reason: string | null;
  readonly attempts: number;
  readonly failedAt: string | null;
  /** Null without the operator token (ids and bodies are the operator's), as are the ids above. */
  readonly body: string | null;
}

export interface OpsDeadLetters {
  readonly actionsEnabled: boolean;
  readonly services: readonly {
    readonly service: string;
    readonly available: boolean;
    readonly counts: Readonly<Record<string, number>>;
    readonly messages: readonly OpsDeadLetter[];
  }[];
}

/** The body of a 4xx from the edge. */
export interface ApiErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
}

/** A checkout's trace (GET /api/demo/saga/:id/trace): one definition, read by the e2e specs too. */
export type { CheckoutTraceView, TraceSpanView };
