export default {
  displayName: 'outbox',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../scripts/jest/count-reporter.js', { name: 'outbox' }]],
  // Integration specs talk to real Postgres and RabbitMQ.
  testTimeout: 30_000,
  coverageDirectory: '../../coverage/libs/outbox',
};
