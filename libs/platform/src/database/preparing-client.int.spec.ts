import { DataSource } from 'typeorm';
import { TEST_ADMIN_URL } from '../testing';
import { MAX_PREPARED_STATEMENTS, preparedName, PreparingClient } from './preparing-client';

/** A one-connection pool as the services open theirs: every statement below runs on the same backend. */
function pool(): DataSource {
  return new DataSource({ type: 'postgres', url: TEST_ADMIN_URL, extra: { Client: PreparingClient, max: 1 } });
}

/** The statements prepared on the pool's one connection, by their text. */
async function prepared(dataSource: DataSource): Promise<string[]> {
  const rows: { statement: string }[] = await dataSource.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time');
  return rows.map((row) => row.statement);
}

describe('a connection that prepares its parameterised statements', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = pool();
    await dataSource.initialize();
  });

  afterEach(() => dataSource.destroy());

  it('prepares a statement with values once and reuses it, with the same results as unprepared', async () => {
    const text = 'SELECT $1::int + $2::int AS sum, $3::text AS label';
    const first = await dataSource.query(text, [1, 2, 'a']);
    const second = await dataSource.query(text, [40, 2, 'b']);
    expect(first).toEqual([{ sum: 3, label: 'a' }]);
    expect(second).toEqual([{ sum: 42, label: 'b' }]);
    expect(await prepared(dataSource)).toEqual([text]);
  });

  it('runs statements without values, and multi-statement texts, as written', async () => {
    await dataSource.query('SELECT 1');
    await dataSource.query('SELECT 2', []);
    await dataSource.query('BEGIN; SELECT 3; COMMIT');
    expect(await prepared(dataSource)).toEqual([]);
  });

  it('runs a prepared statement inside a transaction, which rolls back as any other', async () => {
    await dataSource.query('CREATE TEMP TABLE prepared_rows (n int)');
    await dataSource
      .transaction(async (tx) => {
        await tx.query('INSERT INTO prepared_rows VALUES ($1)', [1]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await dataSource.transaction((tx) => tx.query('INSERT INTO prepared_rows VALUES ($1)', [2]));
    expect(await dataSource.query('SELECT n FROM prepared_rows')).toEqual([{ n: 2 }]);
  });

  it('keeps a failed statement from being taken for prepared', async () => {
    await expect(dataSource.query('SELECT $1::int FROM no_such_table', [1])).rejects.toThrow(/no_such_table/);
    // The same text fails the same way again (it was not recorded as parsed), and the connection still works.
    await expect(dataSource.query('SELECT $1::int FROM no_such_table', [1])).rejects.toThrow(/no_such_table/);
    expect(await dataSource.query('SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
  });

  it('names a text the same way every time, and stops naming new texts past the cap', () => {
    expect(preparedName('SELECT $1::int AS n')).toBe(preparedName('SELECT $1::int AS n'));
    expect(preparedName('SELECT $1::int AS n')).not.toBe(preparedName('SELECT $1::int AS m'));
    for (let i = 0; i < MAX_PREPARED_STATEMENTS; i++) preparedName(`SELECT $1::int + ${i}`);
    expect(preparedName('SELECT $1::int, a text never seen before')).toBeUndefined();
    // One already named keeps its name.
    expect(preparedName('SELECT $1::int AS n')).toMatch(/^p_/);
  });
});
