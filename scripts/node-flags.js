// The flags every process of the cluster runs with under pm2 (npm start, the chaos side); the
// e2e harness (apps/test-rig/cluster-e2e/src/support/service-process.ts) and the image's
// commands (deploy/) pass the same.
//   --enable-source-maps  the bundles ship .js.map files: stack traces name the TypeScript source.
//   --no-memory-reducer   V8's memory reducer ran two or three full collections in every process
//                         in the minutes after it fell idle (120-140 ms each, all processes
//                         together), for no smaller footprint at rest (decision 0044).
module.exports = { NODE_FLAGS: ['--enable-source-maps', '--no-memory-reducer'] };
