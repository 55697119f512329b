import type { Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { TEST_ADMIN_URL } from '../testing';
import { MAX_PREPARED_STATEMENTS, preparedName, PreparingClient } from './preparing-client';

type SocketWrites = Socket & { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };

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

  it('sends statements issued together in one socket write and answers each with its own result, in order', async () => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PreparingClient;
    // What reaches the socket: one `_write` per write, or one `_writev` for writes held back together.
    const socket = (client as unknown as { connection: { stream: SocketWrites } }).connection.stream;
    const writes = [jest.spyOn(socket, '_write'), jest.spyOn(socket, '_writev')];
    try {
      const answers = await Promise.all([1, 2, 3].map((n) => runner.query('SELECT $1::int * 10 AS n', [n])));
      expect(answers).toEqual([[{ n: 10 }], [{ n: 20 }], [{ n: 30 }]]);
      expect(writes.reduce((calls, spy) => calls + spy.mock.calls.length, 0)).toBe(1);
    } finally {
      writes.forEach((spy) => spy.mockRestore());
      await runner.release();
    }
  });

  it('fails the statements sent behind a failed one in a transaction, and commits none of them', async () => {
    await dataSource.query('CREATE TEMP TABLE pipelined_rows (n int)');
    const outcomes: PromiseSettledResult<unknown>[] = [];
    await dataSource
      .transaction(async (tx) => {
        outcomes.push(
          ...(await Promise.allSettled([
            tx.query('INSERT INTO pipelined_rows VALUES ($1)', [1]),
            tx.query('INSERT INTO pipelined_rows VALUES ($1::int / 0)', [2]),
            tx.query('INSERT INTO pipelined_rows VALUES ($1)', [3]),
          ])),
        );
        throw new Error('a statement failed');
      })
      .catch(() => undefined);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/current transaction is aborted/);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM pipelined_rows')).toEqual([{ n: 0 }]);
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
