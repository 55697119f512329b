export default {
  displayName: 'cluster-e2e',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'cluster-e2e' }]],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts', '<rootDir>/src/**/*.spec.ts'],
  testTimeout: 120_000,
  testSequencer: '../../../scripts/jest/long-specs-first.js',
  coverageDirectory: '../../../coverage/apps/cluster-e2e',
};
