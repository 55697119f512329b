export default {
  displayName: 'invariants',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../tools/jest/count-reporter.js', { name: 'invariants' }]],
  coverageDirectory: '../../coverage/libs/invariants',
};
