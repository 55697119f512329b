export default {
  displayName: 'payments-svc',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'payments-svc' }]],
  coverageDirectory: '../../../coverage/apps/payments-svc',
};
