export default {
  displayName: 'checkout-orchestrator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/checkout-orchestrator',
};
