import { randomBytes } from 'node:crypto';
import { ContractViolationError } from '../errors/contract-violation.error';

// W3C Trace Context, version 00: version-traceid-spanid-flags, lower-case hex.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const SAMPLED = '01';

export const TRACEPARENT_EXPECTATION =
  'expected a W3C traceparent "00-<32 hex trace id>-<16 hex span id>-<2 hex flags>"' +
  ' with non-zero ids';

/** True for a version-00 traceparent whose trace id and span id are not all zeros. */
export function isTraceparent(value: string): boolean {
  const match = TRACEPARENT.exec(value);
  return match !== null && !isAllZero(match[1]) && !isAllZero(match[2]);
}

/** Starts a new trace: a fresh trace id and span id, marked sampled. */
export function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-${SAMPLED}`;
}

/** The next hop of the same trace: same trace id and flags, a new span id. */
export function childTraceparent(parent: string): string {
  const [, traceId, , flags] = parts(parent);
  return `00-${traceId}-${randomHex(8)}-${flags}`;
}

/** The trace id, for log lines that let a reader follow one checkout across services. */
export function traceIdOf(traceparent: string): string {
  return parts(traceparent)[1];
}

function parts(traceparent: string): RegExpExecArray {
  const match = TRACEPARENT.exec(traceparent);
  if (match === null || !isTraceparent(traceparent)) {
    throw new ContractViolationError([`traceparent: ${TRACEPARENT_EXPECTATION}`]);
  }
  return match;
}

function randomHex(bytes: number): string {
  let hex: string;
  // The spec forbids all-zero ids; a redraw is cheaper than a special case downstream.
  do hex = randomBytes(bytes).toString('hex');
  while (isAllZero(hex));
  return hex;
}

function isAllZero(hex: string): boolean {
  return /^0+$/.test(hex);
}
