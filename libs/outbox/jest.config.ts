export default {
  displayName: 'outbox',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/outbox',
};
