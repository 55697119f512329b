export default {
  displayName: 'psp-sandbox',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'psp-sandbox' }]],
  coverageDirectory: '../../../coverage/apps/psp-sandbox',
};
