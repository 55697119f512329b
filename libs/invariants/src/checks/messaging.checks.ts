import type { InvariantCheck } from '../invariant.types';

/** The schemas that publish through an outbox. */
export const OUTBOX_SCHEMAS = ['checkout', 'catalog', 'payments'] as const;

export const outboxesDrained: InvariantCheck = {
  name: 'outboxes-drained',
  statement: 'Every outbox is drained: no message written by a committed change is left unsent.',
  async run(db, context) {
    const counts = OUTBOX_SCHEMAS.map(
      (schema) => `SELECT '${schema}' AS schema, count(*)::int AS pending FROM ${schema}.outbox WHERE sent_at IS NULL AND created_at < $1`,
    );
    const { rows } = await db.query<{ schema: string; pending: number }>(counts.join(' UNION ALL '), [context.quietBefore]);
    return rows.filter((row) => row.pending > 0).map((row) => ({ subject: `${row.schema}.outbox`, detail: `${row.pending} unsent` }));
  },
};

export const deadLettersAsInjected: InvariantCheck = {
  name: 'dead-letters-as-injected',
  statement: 'The dead-letter queues hold exactly the poison messages injected, nothing the cluster failed to handle.',
  async run(_db, context) {
    if (!context.deadLetters) return null;
    const counts = await context.deadLetters();
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    if (total === context.poisonInjected) return [];
    return [
      {
        subject: 'dead letters',
        detail: `${total} dead-lettered (${describe(counts)}), ${context.poisonInjected} injected`,
      },
    ];
  },
};

function describe(counts: Readonly<Record<string, number>>): string {
  const nonEmpty = Object.entries(counts).filter(([, count]) => count > 0);
  return nonEmpty.length ? nonEmpty.map(([queue, count]) => `${queue}: ${count}`).join(', ') : 'none';
}
