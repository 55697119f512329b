export {
  createVhost,
  deleteVhost,
  dropTestDatabase as dropDatabase,
  testAdminUrl as adminUrlFor,
  testDatabaseUrl,
  uniqueName,
} from '@checkout/platform/testing';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
