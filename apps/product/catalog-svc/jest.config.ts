export default {
  displayName: 'catalog-svc',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'catalog-svc' }]],
  coverageDirectory: '../../../coverage/apps/catalog-svc',
};
