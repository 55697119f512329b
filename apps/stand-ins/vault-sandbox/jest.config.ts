export default {
  displayName: 'vault-sandbox',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'vault-sandbox' }]],
  coverageDirectory: '../../../coverage/apps/vault-sandbox',
};
