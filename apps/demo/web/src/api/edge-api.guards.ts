import type { CheckoutView, ClusterHealth, HistoryStep, MessageRow } from './edge-api.types';

/**
 * Checks for what arrives as free text on the event stream. A malformed frame is dropped
 * rather than drawn half-way, so one bad row cannot break the table.
 */

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isTransition(value: unknown): boolean {
  // `from` is null for the step that created the checkout (Initial → Initiated).
  return value === null || (isObject(value) && isNullableString(value['from']) && isString(value['to']));
}

export function isMessageRow(value: unknown): value is MessageRow {
  return (
    isObject(value) &&
    isString(value['id']) &&
    isString(value['name']) &&
    isString(value['from']) &&
    isStringArray(value['to']) &&
    (value['channel'] === 'http' || value['channel'] === 'outbox') &&
    isTransition(value['transition']) &&
    isString(value['at']) &&
    !Number.isNaN(Date.parse(value['at'])) &&
    typeof value['compensation'] === 'boolean' &&
    isNullableString(value['sourcePath'] ?? null) &&
    isNullableString(value['detail'] ?? null)
  );
}

function isHistoryStep(value: unknown): value is HistoryStep {
  return (
    isObject(value) &&
    isNullableString(value['from']) &&
    isString(value['to']) &&
    isString(value['event']) &&
    isString(value['at'])
  );
}

export function isCheckoutView(value: unknown): value is CheckoutView {
  return (
    isObject(value) &&
    isString(value['checkoutId']) &&
    isString(value['state']) &&
    typeof value['final'] === 'boolean' &&
    Array.isArray(value['history']) &&
    value['history'].every(isHistoryStep)
  );
}

/** A health report, which may come with a 503 whose body is not a report at all (a proxy's page). */
export function isClusterHealth(value: unknown): value is ClusterHealth {
  return (
    isObject(value) &&
    Array.isArray(value['services']) &&
    value['services'].every(
      (service) => isObject(service) && isString(service['name']) && typeof service['ready'] === 'boolean' && isObject(service['checks']),
    )
  );
}

/** Parses one SSE `data:` payload; null when it is not JSON or not the expected shape. */
export function parseFrame<T>(data: string, guard: (value: unknown) => value is T): T | null {
  try {
    const value: unknown = JSON.parse(data);
    return guard(value) ? value : null;
  } catch {
    return null;
  }
}
