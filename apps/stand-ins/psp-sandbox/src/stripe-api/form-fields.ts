import { z } from 'zod';

/** Stripe's largest amount for most currencies: 99,999,999 minor units (£999,999.99). */
export const MAX_AMOUNT = 99_999_999;

/**
 * A whole number. Form encoding sends every value as text ("3999"), so digits are read as a
 * number; anything else ("39.99", "abc", "") is refused rather than coerced.
 */
export function wholeNumber(bounds: { min: number; max: number }) {
  const message = `expected a whole number from ${bounds.min} to ${bounds.max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value),
    z.number({ error: message }).int(message).min(bounds.min, message).max(bounds.max, message),
  );
}

/** A three-letter ISO currency code; Stripe accepts any case and answers in lower case. */
export const currencyCode = () =>
  z
    .string()
    .regex(/^[a-zA-Z]{3}$/, 'expected a three-letter ISO currency code, e.g. gbp')
    .transform((code) => code.toLowerCase());

/** Stripe's metadata limits: at most 50 keys, keys up to 40 characters, values up to 500. */
export const metadata = () =>
  z
    .record(
      z.string().min(1).max(40, 'metadata keys are at most 40 characters'),
      z.string({ error: 'expected a string value' }).max(500, 'metadata values are at most 500 characters'),
    )
    .refine((entries) => Object.keys(entries).length <= 50, 'at most 50 metadata keys');

export const httpUrl = () =>
  z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(5000, 'at most 5000 characters');
