export default {
  displayName: 'chaos-agent',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'chaos-agent' }]],
  coverageDirectory: '../../../coverage/apps/chaos-agent',
};
