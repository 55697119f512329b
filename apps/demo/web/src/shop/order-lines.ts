import type { OrderView } from '../api/edge-api.types';
import { formatMoney } from '../format/money';

export interface OrderLine {
  readonly role: 'unit' | 'qty' | 'subtotal' | 'tax' | 'total';
  readonly label: string;
  readonly value: string;
}

/**
 * The order card's lines. UK prices include VAT, so the edge may report a tax that is part of
 * the subtotal rather than added to it; the label says which, so the sums always add up.
 */
export function orderLines(order: OrderView): OrderLine[] {
  const money = (amount: number): string => formatMoney(amount, order.currency);
  const taxIncluded = order.subtotal === order.total && order.tax > 0;
  return [
    { role: 'unit', label: 'Unit price', value: money(order.unitAmount) },
    { role: 'qty', label: 'Quantity', value: String(order.qty) },
    { role: 'subtotal', label: 'Subtotal', value: money(order.subtotal) },
    {
      role: 'tax',
      label: taxIncluded ? `Includes VAT (${order.taxRatePercent}%)` : `Tax (${order.taxRatePercent}%)`,
      value: money(order.tax),
    },
    { role: 'total', label: 'Total', value: money(order.total) },
  ];
}
