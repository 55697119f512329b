export default {
  displayName: 'messaging',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../scripts/jest/count-reporter.js', { name: 'messaging' }]],
  // Integration specs talk to real Postgres and RabbitMQ.
  testTimeout: 30_000,
  coverageDirectory: '../../coverage/libs/messaging',
};
