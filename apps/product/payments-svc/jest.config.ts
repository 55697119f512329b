export default {
  displayName: 'payments-svc',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../tools/jest/count-reporter.js', { name: 'payments-svc' }]],
  coverageDirectory: '../../../coverage/apps/payments-svc',
};
