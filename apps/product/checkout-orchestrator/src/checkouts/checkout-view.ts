import { NotFoundError } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHECKOUT_SAGA, type CheckoutState } from '../checkout-saga/checkout-saga.definition';
import { CheckoutEntity } from '../checkout-saga/checkout.entity';
import { CheckoutRepository } from '../checkout-saga/checkout.repository';

export interface CheckoutView {
  checkoutId: string;
  state: CheckoutState;
  final: boolean;
  items: { sku: string; qty: number; name: string | null; unitAmount: number | null }[];
  total: number | null;
  currency: string | null;
  reason: string | null;
  refunded: boolean;
  createdAt: string;
  updatedAt: string;
  history: { from: string | null; to: string; event: string; messageId: string; compensation: boolean; at: string }[];
}

/** The read side: a checkout as the API shows it, built from its row and its history. */
@Injectable()
export class CheckoutViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkouts: CheckoutRepository,
  ) {}

  async byId(checkoutId: string): Promise<CheckoutView> {
    const saga = await this.dataSource.manager.findOneBy(CheckoutEntity, { id: checkoutId });
    if (!saga) throw new NotFoundError('CHECKOUT.NOT_FOUND', `No checkout ${checkoutId}`);
    return toView(saga, await this.checkouts.history(this.dataSource.manager, checkoutId));
  }

  /** 404 unless the checkout exists (without reading its history). */
  async mustExist(checkoutId: string): Promise<void> {
    if (!(await this.dataSource.manager.existsBy(CheckoutEntity, { id: checkoutId }))) {
      throw new NotFoundError('CHECKOUT.NOT_FOUND', `No checkout ${checkoutId}`);
    }
  }

  async byState(state: CheckoutState, limit: number): Promise<Omit<CheckoutView, 'history'>[]> {
    const sagas = await this.dataSource.manager.find(CheckoutEntity, { where: { state }, order: { updatedAt: 'DESC' }, take: limit });
    return sagas.map((saga) => {
      const { history: _history, ...summary } = toView(saga, []);
      return summary;
    });
  }
}

function toView(saga: CheckoutEntity, history: Awaited<ReturnType<CheckoutRepository['history']>>): CheckoutView {
  const { data } = saga;
  const priced = new Map((data.lines ?? []).map((line) => [line.sku, line]));
  return {
    checkoutId: saga.id,
    state: saga.state,
    final: CHECKOUT_SAGA.states[saga.state].final ?? false,
    items: data.items.map((item) => ({
      sku: item.sku,
      qty: item.qty,
      name: priced.get(item.sku)?.name ?? null,
      unitAmount: priced.get(item.sku)?.unitAmount ?? null,
    })),
    total: data.amount,
    currency: data.currency,
    reason: data.reason,
    refunded: data.refundId !== null,
    createdAt: saga.createdAt.toISOString(),
    updatedAt: saga.updatedAt.toISOString(),
    history: history.map((step) => ({
      from: step.fromState,
      to: step.toState,
      event: step.event,
      messageId: step.messageId,
      compensation: step.compensation,
      at: step.at.toISOString(),
    })),
  };
}
