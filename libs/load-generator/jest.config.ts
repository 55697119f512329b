export default {
  displayName: 'load-generator',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../scripts/jest/count-reporter.js', { name: 'load-generator' }]],
  // The integration spec talks to a real RabbitMQ.
  testTimeout: 30_000,
  coverageDirectory: '../../coverage/libs/load-generator',
};
