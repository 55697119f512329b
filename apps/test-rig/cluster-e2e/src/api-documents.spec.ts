import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';
// The list of services with an HTTP API lives beside the script that writes their documents.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { HTTP_API_SERVICES } from '../../../../scripts/api-docs/http-api-services';

/** What the built service prints with `openapi`: its document as its controllers describe it. */
function generated(service: string): unknown {
  const main = join(WORKSPACE_ROOT, 'dist/apps', service, 'main.js');
  return JSON.parse(execFileSync(process.execPath, [main, 'openapi'], { encoding: 'utf8', timeout: 60_000 }));
}

/**
 * The validator is an ES module that Jest's CommonJS runtime cannot load, so its own command
 * line runs it; it prints `{ valid, errors }`.
 */
function validation(file: string): { valid: boolean; errors?: unknown } {
  const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
  try {
    return JSON.parse(execFileSync(process.execPath, [cli, file], { encoding: 'utf8' }));
  } catch (error) {
    // It exits non-zero for an invalid document, still printing why.
    return JSON.parse((error as { stdout: string }).stdout);
  }
}

function committedFile(service: string): string {
  return join(WORKSPACE_ROOT, 'docs/api', `${service}.openapi.json`);
}

function committed(service: string): unknown {
  return JSON.parse(readFileSync(committedFile(service), 'utf8'));
}

describe.each(HTTP_API_SERVICES)('the OpenAPI document of %s', (service) => {
  it('is a valid OpenAPI 3.1 document', () => {
    expect(validation(committedFile(service))).toEqual({ valid: true });
    expect(committed(service)).toMatchObject({ openapi: '3.1.0' });
  });

  it('is what the code generates (run `npm run docs:api` after changing a controller)', () => {
    expect(committed(service)).toEqual(generated(service));
  });
});
