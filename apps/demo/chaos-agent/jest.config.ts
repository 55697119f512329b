export default {
  displayName: 'chaos-agent',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../tools/jest/count-reporter.js', { name: 'chaos-agent' }]],
  coverageDirectory: '../../../coverage/apps/chaos-agent',
};
