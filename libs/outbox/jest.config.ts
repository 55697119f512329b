export default {
  displayName: 'outbox',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../tools/jest/count-reporter.js', { name: 'outbox' }]],
  coverageDirectory: '../../coverage/libs/outbox',
};
