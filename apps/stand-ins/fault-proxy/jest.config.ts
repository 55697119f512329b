export default {
  displayName: 'fault-proxy',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'fault-proxy' }]],
  coverageDirectory: '../../../coverage/apps/fault-proxy',
};
