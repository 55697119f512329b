export default {
  displayName: 'web',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'web' }]],
  coverageDirectory: '../../../coverage/apps/web',
};
