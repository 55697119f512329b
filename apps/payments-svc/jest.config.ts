export default {
  displayName: 'payments-svc',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/payments-svc',
};
