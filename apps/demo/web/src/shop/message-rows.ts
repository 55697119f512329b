import type { MessageRow } from '../api/edge-api.types';

/**
 * Folds newly received rows into the table's rows. After a reconnect the server sends the
 * history again, so rows repeat: one row per `id` (the latest copy wins), ordered by `at`.
 * The sort is stable, so rows with the same timestamp keep the order they arrived in.
 */
export function mergeRows(current: readonly MessageRow[], incoming: readonly MessageRow[]): MessageRow[] {
  const byId = new Map<string, MessageRow>();
  for (const row of [...current, ...incoming]) {
    byId.set(row.id, row);
  }
  return [...byId.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
