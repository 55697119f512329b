export {
  createVhost,
  deleteVhost,
  dropTestDatabase as dropDatabase,
  testAdminUrl as adminUrlFor,
  testDatabaseUrl,
  uniqueName,
} from '@checkout/platform/testing';

/**
 * The edge's Redis (rate-limit counters, the bridge's rows). Jest runs the e2e specs in two
 * workers, each with clusters of its own: each worker gets a logical database of its own
 * (`/<worker id>`), so one worker's counters never refuse the other's requests.
 */
export const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/${Number(process.env.JEST_WORKER_ID ?? 1) % 16}`;
