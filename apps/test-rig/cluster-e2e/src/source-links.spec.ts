import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';

/** Every TypeScript file under `dir`, specs left out: what ships in the edge and the web UI. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });
}

/** Repository paths quoted in code ("View source" targets, the architecture page's links). */
const QUOTED_PATH = /['"`]((?:apps|libs|docs)\/[\w./-]+\.(?:ts|md))['"`]/g;

function linkedPaths(): { file: string; path: string }[] {
  return ['apps/product/bff-web/src', 'apps/demo/web/src'].flatMap((dir) =>
    sourceFiles(join(WORKSPACE_ROOT, dir)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(QUOTED_PATH)].map((match) => ({ file: relative(WORKSPACE_ROOT, file), path: match[1] })),
    ),
  );
}

describe('the source files the edge and the web UI link to', () => {
  it('are found in the code (so this check checks something)', () => {
    expect(linkedPaths().length).toBeGreaterThan(10);
  });

  it('all exist in this repository: a moved or renamed file breaks this test, not a visitor\'s link', () => {
    const missing = linkedPaths().filter(({ path }) => !existsSync(join(WORKSPACE_ROOT, path)));
    expect(missing).toEqual([]);
  });
});
