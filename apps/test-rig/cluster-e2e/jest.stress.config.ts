// The stress tier (`npm run test:stress`): every chaos experiment kind, replicas (every
// checkout scenario and the short soak under three of each service), rolling
// restarts, the 2,000-checkout run and 1,000 checkouts under credential rotation. Each takes
// minutes on two cores, so `npm test` leaves them out (it runs the short soak and the core
// chaos specs); run them before a release or after touching the drain, the saga, the stock,
// the chaos agent or the secrets.
export default {
  displayName: 'cluster-stress',
  preset: '../../../jest.preset.js',
  reporters: ['default', ['../../../scripts/jest/count-reporter.js', { name: 'cluster-stress' }]],
  testMatch: ['<rootDir>/src/**/*.stress-spec.ts'],
  testTimeout: 900_000,
};
