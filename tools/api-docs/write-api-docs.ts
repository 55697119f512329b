// `npm run docs:api`: writes the API documents that are generated from the code, so that a
// reviewer or a client team can read the contracts without it. Specs fail when the committed
// files differ from what the code generates (libs/contracts/src/asyncapi/asyncapi.document.spec.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from '@checkout/contracts';

const root = join(__dirname, '../..');
const { version } = require(join(root, 'package.json')) as { version: string };

function write(file: string, document: unknown): void {
  writeFileSync(join(root, file), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`docs:api: wrote ${file}`);
}

write('docs/api/asyncapi.json', asyncApiDocument(version));
