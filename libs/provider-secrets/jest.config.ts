export default {
  displayName: 'provider-secrets',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../tools/jest/count-reporter.js', { name: 'provider-secrets' }]],
  coverageDirectory: '../../coverage/libs/provider-secrets',
};
