import type { ChaosBudget } from '../api/chaos-api.types';
import { el } from '../dom/element';
import { formatSeconds } from '../format/time';

/**
 * The shared budget as a visitor needs it before pressing Run: is the one slot free, when does
 * the next open, and how much is left of the hour's allowance (everyone's) and of their own.
 */
export function budgetPanel(budget: ChaosBudget, now: number): HTMLElement {
  const until = (at: string) => formatSeconds((Date.parse(at) - now) / 1000);
  const slot = budget.slotFree
    ? 'Slot free: you may run an experiment now.'
    : budget.running
      ? `Slot taken: an experiment is running; the next slot opens ${budget.coolDownSeconds} s after its verdict.`
      : `Slot taken: the next one opens in ${until(budget.nextSlotAt ?? new Date(now).toISOString())}.`;
  const mine =
    budget.client.left > 0 || budget.client.nextAt === null
      ? `${budget.client.left} of your ${budget.client.limit} per ${budget.client.windowMinutes} minutes left`
      : `your ${budget.client.limit} per ${budget.client.windowMinutes} minutes are used; the next in ${until(budget.client.nextAt)}`;
  return el(
    'dl',
    { class: 'chaos-budget', 'data-testid': 'chaos-budget', 'data-slot-free': String(budget.slotFree) },
    el('dt', {}, 'Slot'),
    el('dd', { 'data-testid': 'chaos-next-slot' }, slot),
    el('dt', {}, 'This hour'),
    el('dd', { 'data-testid': 'chaos-hour-left' }, `${budget.hour.left} of ${budget.hour.limit} experiments left, shared by every visitor`),
    el('dt', {}, 'You'),
    el('dd', { 'data-testid': 'chaos-client-left' }, mine),
  );
}
