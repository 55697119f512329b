// Builds the browser UI into dist/apps/web: index.html at the root, everything else under
// assets/. bff-web serves index.html for the app's routes and the files under /assets.
// esbuild bundles the TypeScript and CSS; type errors are caught by `tsc -p tsconfig.app.json`
// (scripts/typecheck.sh), since esbuild only strips types.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appRoot = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(appRoot, '../../../dist/apps/web');
const assetsDir = join(outDir, 'assets');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(assetsDir, { recursive: true });

await build({
  entryPoints: { app: join(appRoot, 'src/main.ts') },
  outdir: assetsDir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  tsconfig: join(appRoot, 'tsconfig.app.json'),
  legalComments: 'linked',
  logLevel: 'warning',
});

await build({
  entryPoints: { app: join(appRoot, 'src/styles/app.css') },
  outdir: assetsDir,
  bundle: true,
  // Small images referenced from CSS are inlined (the CSP allows data: images), so no extra request.
  loader: { '.svg': 'dataurl' },
  minify: true,
  sourcemap: 'linked',
  target: ['chrome110', 'firefox115', 'safari16'],
  logLevel: 'warning',
});

copyFileSync(join(appRoot, 'public/favicon.svg'), join(assetsDir, 'favicon.svg'));

// The asset names stay fixed (bff-web serves /assets/app.js), so a content hash in the query
// string is what tells a browser with a cached copy that a new build is out.
const version = (file) => createHash('sha256').update(readFileSync(join(assetsDir, file))).digest('hex').slice(0, 12);
const html = readFileSync(join(appRoot, 'public/index.html'), 'utf8')
  .replace('/assets/app.js', `/assets/app.js?v=${version('app.js')}`)
  .replace('/assets/app.css', `/assets/app.css?v=${version('app.css')}`);
writeFileSync(join(outDir, 'index.html'), html);

console.log(`web: built ${outDir}`);
