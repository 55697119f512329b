const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * Formats an amount in minor units (pence for GBP). The number of decimals comes from the
 * currency itself, so a zero-decimal currency such as JPY is not divided by 100.
 */
export function formatMoney(minorUnits: number, currency: string): string {
  const formatter = formatterFor(currency.toUpperCase());
  const decimals = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minorUnits / 10 ** decimals);
}
