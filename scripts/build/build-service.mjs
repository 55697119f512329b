// Builds one Nest service into dist/apps/<service>/main.js (with main.js.map):
//   node scripts/build/build-service.mjs <service>
// or, for the inner loop, rebuilds it on every change and runs it under the debugger:
//   node scripts/build/build-service.mjs <service> --watch      (npm run dev -- <service>)
// The service then listens for a debugger on INSPECT_PORT (9229) and restarts when its bundle
// changes (node --watch-path); the debugger re-attaches by itself in VS Code and Chrome.
//
// esbuild bundles the service with the workspace libraries it imports (resolved through the
// tsconfig `paths`); npm packages stay external and are loaded from node_modules at run time.
//
// esbuild alone cannot compile these sources: Nest injects constructor parameters by their
// type, which it reads from the `design:paramtypes` metadata that only TypeScript emits
// (`emitDecoratorMetadata`). So each .ts file is compiled by TypeScript's own per-file
// transpiler, with the project's compiler options, and esbuild only bundles the result. The
// files are emitted as CommonJS, exactly as tsc would: a type that is only an interface then
// reads as `undefined` in the metadata (Nest's `Object`), as with tsc, instead of being an
// import esbuild would reject. Types are checked by scripts/typecheck.sh, not here.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import ts from 'typescript';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [service, mode] = process.argv.slice(2);
if (!service || !/^[a-z][a-z0-9-]*$/.test(service) || (mode !== undefined && mode !== '--watch')) {
  console.error('usage: node scripts/build/build-service.mjs <service> [--watch]');
  process.exit(2);
}
// Apps are grouped by what they are (apps/product, apps/stand-ins, apps/demo); the project name
// is the folder's name inside its group, so the name alone finds it.
const projectRoot = readdirSync(join(workspaceRoot, 'apps'))
  .map((group) => join(workspaceRoot, 'apps', group, service))
  .find((root) => existsSync(join(root, 'project.json')));
if (!projectRoot) {
  console.error(`${service}: no apps/<group>/${service}/project.json`);
  process.exit(2);
}
const tsconfigPath = join(projectRoot, 'tsconfig.app.json');
const outDir = join(workspaceRoot, 'dist/apps', service);

/** The project's compiler options, as tsc would use them, set to emit one CommonJS file each. */
function transpileOptions() {
  const file = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (file.error) throw new Error(ts.flattenDiagnosticMessageText(file.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(file.config, ts.sys, projectRoot);
  return {
    ...options,
    module: ts.ModuleKind.CommonJS,
    // Inline maps, which esbuild reads and folds into the bundle's map back to the .ts sources.
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
    declaration: false,
    noEmit: false,
  };
}

/** esbuild plugin: TypeScript files go through TypeScript (for decorator metadata) first. */
function typescriptWithDecoratorMetadata(compilerOptions) {
  return {
    name: 'typescript-decorator-metadata',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, ({ path }) => {
        const source = readFileSync(path, 'utf8');
        const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: path });
        return { contents: outputText, loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const builder = await context({
  absWorkingDir: workspaceRoot,
  entryPoints: [join(projectRoot, 'src/main.ts')],
  outfile: join(outDir, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  // npm packages are required at run time; @checkout/* aliases resolve to sources and are bundled.
  packages: 'external',
  tsconfig: tsconfigPath,
  // Nest and TypeORM print class names (loggers, migration names): keep them as written.
  keepNames: true,
  sourcemap: 'linked',
  logLevel: mode ? 'info' : 'warning',
  plugins: [typescriptWithDecoratorMetadata(transpileOptions())],
});

await builder.rebuild();
console.log(`${service}: built dist/apps/${service}/main.js`);
if (!mode) {
  await builder.dispose();
} else {
  await builder.watch();
  const inspectPort = process.env.INSPECT_PORT ?? '9229';
  const child = spawn(
    process.execPath,
    [`--inspect=127.0.0.1:${inspectPort}`, '--enable-source-maps', `--watch-path=${outDir}`, join(outDir, 'main.js')],
    { stdio: 'inherit' },
  );
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop).on('SIGTERM', stop);
  child.on('exit', async (code) => {
    await builder.dispose();
    process.exit(code ?? 0);
  });
}
