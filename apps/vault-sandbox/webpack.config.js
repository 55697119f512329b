const { composePlugins, withNx } = require('@nx/webpack');

// Bundles the service and the workspace libraries it imports; npm packages stay external.
module.exports = composePlugins(withNx({ target: 'node' }), (config) => {
  config.devtool = 'source-map';
  return config;
});
