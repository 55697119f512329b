import { formatMoney } from './money';

describe('an amount in minor units', () => {
  it('shows pounds and pence for GBP', () => {
    expect(formatMoney(3999, 'GBP')).toBe('£39.99');
  });

  it('keeps thousands separators and trailing zeros', () => {
    expect(formatMoney(123450, 'GBP')).toBe('£1,234.50');
    expect(formatMoney(0, 'GBP')).toBe('£0.00');
  });

  it('is not divided by 100 for a currency without minor units', () => {
    expect(formatMoney(500, 'JPY')).toBe('JP¥500');
  });

  it('accepts a lower-case currency code', () => {
    expect(formatMoney(1000, 'eur')).toBe('€10.00');
  });
});
