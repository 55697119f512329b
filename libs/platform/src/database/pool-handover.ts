import type { DataSource } from 'typeorm';

type Grant = [connection: unknown, release: (error?: unknown) => void];
type Acquire = () => Promise<Grant>;
/** The one PostgresDriver method every connection TypeORM takes goes through. */
type Acquiring = { obtainMasterConnection: Acquire };

function acquiring(dataSource: DataSource): Acquiring {
  return dataSource.driver as unknown as Acquiring;
}

/**
 * Makes every connection `dataSource` hands out come from the pool new work uses, once
 * `dataSource` is retired. Returns the function that retires it.
 *
 * Without this, work that asked the old pool for a connection just before a rotation stays in
 * that pool's queue behind the old pool's in-flight transactions, while the new pool sits warm
 * and idle; under load such a wait ran past the pool's acquire timeout and the message was
 * retried. On retirement, each waiter still queued is served by the current pool instead (the
 * old pool's grant, if it comes later, is handed straight back), and any later request on the
 * retired DataSource (work that kept a reference to it) goes to the current pool at once.
 * Connections already checked out stay where they are: their transactions finish on the old
 * login, and the drain waits for them (docs/decisions/0020).
 */
export function followCurrentPool(dataSource: DataSource, current: () => DataSource): () => void {
  const driver = acquiring(dataSource);
  const own: Acquire = driver.obtainMasterConnection.bind(driver);
  const elsewhere: Acquire = () => {
    const target = current();
    return target === dataSource ? own() : acquiring(target).obtainMasterConnection();
  };
  const waiters = new Set<() => void>();
  let retired = false;

  driver.obtainMasterConnection = () => {
    if (retired) return elsewhere();
    return new Promise<Grant>((resolve, reject) => {
      let moved = false;
      const move = () => {
        moved = true;
        waiters.delete(move);
        elsewhere().then(resolve, reject);
      };
      waiters.add(move);
      own().then(
        ([connection, release]) => {
          if (moved) return void release();
          waiters.delete(move);
          resolve([connection, release]);
        },
        (error: unknown) => {
          if (moved) return; // the old pool gave up on a waiter the current pool now serves
          waiters.delete(move);
          reject(error);
        },
      );
    });
  };

  return () => {
    retired = true;
    for (const move of [...waiters]) move();
  };
}
