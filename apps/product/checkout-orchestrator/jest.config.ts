export default {
  displayName: 'checkout-orchestrator',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'checkout-orchestrator' }]],
  coverageDirectory: '../../../coverage/apps/checkout-orchestrator',
};
