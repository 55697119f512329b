// The stress tier (`npm run test:stress`): the seeded soak under faults, replicas, rolling
// restarts and the 2,000-checkout run. Each takes minutes on two cores, so `npm test` leaves
// them out; run them before a release or after touching the drain, the saga or the stock.
export default {
  displayName: 'cluster-stress',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../tools/jest/count-reporter.js', { name: 'cluster-stress' }]],
  testMatch: ['<rootDir>/src/**/*.stress-spec.ts'],
  testTimeout: 900_000,
};
