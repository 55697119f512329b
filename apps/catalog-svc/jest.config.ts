export default {
  displayName: 'catalog-svc',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/catalog-svc',
};
