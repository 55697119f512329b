export default {
  displayName: 'web',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../tools/jest/count-reporter.js', { name: 'web' }]],
  coverageDirectory: '../../../coverage/apps/web',
};
