import { z } from 'zod';
import { unlessMissing } from '../validation/issue-messages';

/** An order may hold at most this many lines. */
export const MAX_ORDER_LINES = 20;

export const SKU_PATTERN = /^[A-Z0-9-]{2,32}$/;

export const uuid = z.uuid({ error: unlessMissing('expected a UUID') });

/** The checkout id, the correlation id of every message in a saga. */
export const checkoutId = uuid;

export const sku = z.string().regex(SKU_PATTERN, {
  error: 'expected a SKU of 2-32 upper-case letters, digits or hyphens',
});

const POSITIVE_INTEGER = 'expected a positive integer';

export const quantity = z
  .int({ error: unlessMissing(POSITIVE_INTEGER) })
  .positive({ error: POSITIVE_INTEGER });

const MINOR_UNITS = 'expected a positive integer amount in minor units (3999 for 39.99)';

/** Money is an integer count of the currency's minor unit, never a float. */
export const minorUnits = z
  .int({ error: unlessMissing(MINOR_UNITS) })
  .positive({ error: MINOR_UNITS });

export const currency = z.string().regex(/^[A-Z]{3}$/, {
  error: 'expected an ISO 4217 currency code such as "GBP"',
});

/** A human-readable explanation, short enough for a log line or a UI row. */
export const reason = z.string().min(1).max(200);

/** An identifier minted by the payment provider; its format is the provider's business. */
export const providerReference = z.string().min(1).max(255);

export const isoDateTime = z.iso.datetime();

/** Rejects two lines for the same SKU: stock and prices are counted per SKU. */
export function uniqueSkus(lines: readonly { readonly sku: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    if (seen.has(line.sku)) {
      const message = `duplicate SKU "${line.sku}"`;
      ctx.addIssue({ code: 'custom', path: [index, 'sku'], message });
    }
    seen.add(line.sku);
  });
}
