import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export type IdPrefix = 'cs_test' | 'pi' | 're' | 'evt';

/** A Stripe-style object id (`cs_test_a1B2…`, `pi_…`): a type prefix and 24 random characters. */
export function newId(prefix: IdPrefix): string {
  let random = '';
  for (let i = 0; i < 24; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_${random}`;
}

/** Seconds since the epoch: Stripe's `created` and `expires_at`. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
