import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { schemasWithoutId } from '@asyncapi/specs';
import { MESSAGE_CATALOGUE } from '../catalogue';
import { asyncApiDocument } from './asyncapi.document';

const WORKSPACE = join(__dirname, '../../../..');
const COMMITTED = join(WORKSPACE, 'docs/api/asyncapi.json');
const VERSION = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8')).version as string;

describe('the AsyncAPI document of the checkout messages', () => {
  const document = asyncApiDocument(VERSION);

  it('is a valid AsyncAPI 3.0 document', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schemasWithoutId['3.0.0'] as object);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('names every message of the catalogue, with a send and a receive for each', () => {
    const operations = Object.values(document['operations'] as Record<string, { action: string; channel: { $ref: string } }>);
    for (const { type, consumers } of MESSAGE_CATALOGUE) {
      const on = operations.filter((op) => op.channel.$ref === `#/channels/${type}`);
      expect(on.filter((op) => op.action === 'send')).toHaveLength(1);
      expect(on.filter((op) => op.action === 'receive')).toHaveLength(consumers.length);
    }
  });

  it('is what is committed in docs/api/asyncapi.json (run `npm run docs:api` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    expect(committed).toEqual(document);
  });
});
