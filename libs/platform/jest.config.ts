export default {
  displayName: 'platform',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../tools/jest/count-reporter.js', { name: 'platform' }]],
  coverageDirectory: '../../coverage/libs/platform',
};
