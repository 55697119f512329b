// Test helpers only: never imported by production code.
export { dropTestDatabase } from './drop-database';
export { eventually, sleep } from './eventually';
export { freePort, freePortRange } from './free-port';
export { TcpProxy } from './tcp-proxy';
export { testAdminUrl, testDatabaseUrl, TEST_ADMIN_URL, TEST_AMQP_URL, uniqueName } from './test-names';
export { createVhost, deleteVhost } from './vhost';
export { retentionPass, retentionSql, retentionTestEnv, retentionTotals, startRetentionTestApp, stopRetentionTestApp } from './retention-test-app';
export { CountingTracerProvider } from './counting-tracer-provider';
