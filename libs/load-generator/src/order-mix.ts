import type { OrderSpec } from './load-options';

/** Picks the next order in proportion to the weights given (e.g. 90 % paid, 10 % declined). */
export class OrderMix {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(
    private readonly orders: readonly OrderSpec[],
    private readonly random: () => number = Math.random,
  ) {
    let sum = 0;
    this.cumulative = orders.map((order) => (sum += order.weight));
    this.total = sum;
  }

  next(): OrderSpec {
    const point = this.random() * this.total;
    const index = this.cumulative.findIndex((upTo) => point < upTo);
    return this.orders[index === -1 ? this.orders.length - 1 : index];
  }
}
