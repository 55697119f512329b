export default {
  displayName: 'provider-secrets',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../scripts/jest/count-reporter.js', { name: 'provider-secrets' }]],
  coverageDirectory: '../../coverage/libs/provider-secrets',
};
