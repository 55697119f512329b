export default {
  displayName: 'cluster-e2e',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/cluster-e2e',
};
