import { OrderMix } from './order-mix';

const order = (sku: string, weight: number) => ({ sku, qty: 1, paymentMethod: 'pm_card_visa', weight });

describe('the order mix', () => {
  it('picks each order in proportion to its weight', () => {
    const points = [0, 0.5, 0.89, 0.9, 0.99];
    const mix = new OrderMix([order('A', 9), order('B', 1)], () => points.shift() ?? 0);
    expect([mix.next(), mix.next(), mix.next(), mix.next(), mix.next()].map((o) => o.sku)).toEqual(['A', 'A', 'A', 'B', 'B']);
  });
});
