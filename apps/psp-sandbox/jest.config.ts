export default {
  displayName: 'psp-sandbox',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/psp-sandbox',
};
