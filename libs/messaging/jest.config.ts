export default {
  displayName: 'messaging',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../tools/jest/count-reporter.js', { name: 'messaging' }]],
  coverageDirectory: '../../coverage/libs/messaging',
};
