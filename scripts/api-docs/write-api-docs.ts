// `npm run docs:api`: writes the API documents that are generated from the code, so that a
// reviewer or a client team can read the contracts without it:
//   docs/api/asyncapi.json             every checkout message (from libs/contracts)
//   docs/api/<service>.openapi.json    each service's HTTP API (from its controllers; the
//                                      built bundle prints it: `node dist/apps/<s>/main.js openapi`)
// Specs fail when a committed file differs from what the code generates.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from '@checkout/contracts';
import { HTTP_API_SERVICES } from './http-api-services';

const root = join(__dirname, '../..');
const { version } = require(join(root, 'package.json')) as { version: string };

function write(file: string, document: unknown): void {
  writeFileSync(join(root, file), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`docs:api: wrote ${file}`);
}

write('docs/api/asyncapi.json', asyncApiDocument(version));
for (const service of HTTP_API_SERVICES) {
  execFileSync(process.execPath, [join(root, 'scripts/build/build-service.mjs'), service], { stdio: 'ignore' });
  const printed = execFileSync(process.execPath, [join(root, `dist/apps/${service}/main.js`), 'openapi'], { encoding: 'utf8' });
  write(`docs/api/${service}.openapi.json`, JSON.parse(printed));
}
