import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when a presented secret equals the expected one, compared in constant time.
 * Both are hashed first: `timingSafeEqual` needs buffers of one length, and comparing fixed-length
 * digests means neither the time taken nor an early length check tells a guesser how close,
 * or how long, their guess was.
 */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
