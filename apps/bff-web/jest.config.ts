export default {
  displayName: 'bff-web',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/bff-web',
};
