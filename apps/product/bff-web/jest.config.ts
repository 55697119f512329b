export default {
  displayName: 'bff-web',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'bff-web' }]],
  coverageDirectory: '../../../coverage/apps/bff-web',
};
