import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ARTIFACTS_DIR, WORKSPACE_ROOT } from './service-process';
import type { SupervisedCluster } from './supervised-cluster';
import { testDatabaseUrl } from './test-infrastructure';

const run = promisify(execFile);

export interface SoakRun {
  readonly code: number;
  readonly stdout: string;
}

/**
 * The short soak of `npm test`'s arguments: 600 checkouts through every kind of fault once,
 * about two and a half minutes at the default 5 a second.
 */
export function shortSoak({ perSecond = 5 } = {}): string[] {
  return ['--seed', '42', '--checkouts', '600', '--faults', '8', '--rate', String(perSecond), '--settle-seconds', '90', '--quiet-ms', '0'];
}

/**
 * `npm run soak -- …` against `cluster`, its exit code and output kept (a violation exits 1,
 * not a throw); `artifact` names the file in test-artifacts/ that keeps the output.
 */
export async function runSoak(cluster: SupervisedCluster, args: readonly string[], { artifact, timeoutMs = 300_000 }: { artifact?: string; timeoutMs?: number } = {}): Promise<SoakRun> {
  const env = {
    ...process.env,
    CHAOS_AGENT_URL: cluster.agentUrl,
    ORCHESTRATOR_URL: cluster.urlOf('checkout-orchestrator'),
    AMQP_URL: cluster.base.amqpUrl,
    AUDIT_DATABASE_URL: testDatabaseUrl('chaos_audit', cluster.base.database),
  };
  const result = await run('npm', ['run', '--silent', 'soak', '--', ...args], { cwd: WORKSPACE_ROOT, env, timeout: timeoutMs }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => {
      if (typeof error.code !== 'number') throw error;
      return { code: error.code, stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` };
    },
  );
  if (artifact) {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, artifact), result.stdout);
  }
  return result;
}
