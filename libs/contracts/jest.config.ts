export default {
  displayName: 'contracts',
  preset: '../../jest.preset.js',
  reporters: ['default', ['../../scripts/jest/count-reporter.js', { name: 'contracts' }]],
  coverageDirectory: '../../coverage/libs/contracts',
};
