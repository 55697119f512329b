import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `source` as if it were saved at `path`, with the workspace's real ESLint config. */
function lintAs(path: string, source: string): LintMessage[] {
  const eslint = join(WORKSPACE_ROOT, 'node_modules/.bin/eslint');
  const run = spawnSync(eslint, ['--stdin', '--stdin-filename', path, '--format', 'json'], {
    cwd: WORKSPACE_ROOT,
    input: source,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages;
}

const boundaryErrors = (messages: LintMessage[]) =>
  messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries');

describe('the workspace dependency rules', () => {
  it('fail lint when one service imports another service', () => {
    const messages = lintAs(
      'apps/product/catalog-svc/src/boundary-probe.ts',
      "import { SERVICE_NAME } from '../../payments-svc/src/app.module';\nexport const probe = SERVICE_NAME;\n",
    );
    expect(boundaryErrors(messages)).not.toHaveLength(0);
  });

  it('fail lint when contracts import another workspace library', () => {
    const messages = lintAs(
      'libs/contracts/src/boundary-probe.ts',
      "import { env } from '@checkout/platform';\nexport const probe = env;\n",
    );
    expect(boundaryErrors(messages)[0]?.message).toMatch(/type:contracts/);
  });

  it('fail lint when a library imports an app', () => {
    const messages = lintAs(
      'libs/messaging/src/boundary-probe.ts',
      "import { SERVICE_NAME } from '../../../apps/product/catalog-svc/src/app.module';\nexport const probe = SERVICE_NAME;\n",
    );
    expect(boundaryErrors(messages)).not.toHaveLength(0);
  });

  it('let a service import the shared libraries', () => {
    const messages = lintAs(
      'apps/product/catalog-svc/src/boundary-probe.ts',
      "import { CHECKOUT_EXCHANGE } from '@checkout/contracts';\nimport { env } from '@checkout/platform';\nexport const probe = [CHECKOUT_EXCHANGE, env];\n",
    );
    expect(boundaryErrors(messages)).toEqual([]);
  });
});
