export default {
  displayName: 'invariants',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../scripts/jest/count-reporter.js', { name: 'invariants' }]],
  coverageDirectory: '../../coverage/libs/invariants',
};
