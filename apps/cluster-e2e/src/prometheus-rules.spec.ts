import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';

const OPS = join(WORKSPACE_ROOT, 'ops/prometheus');

/** promtool, installed with Prometheus by `npm run infra:up`; its output is the failure message. */
function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? message}`);
  }
}

describe("Prometheus' configuration and rules", () => {
  it('the generated configuration is valid and loads every rule file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prometheus-config-'));
    try {
      execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'scripts/prometheus-config.js'), dir]);
      expect(promtool('check', 'config', join(dir, 'prometheus.yml'))).toMatch(/SUCCESS: 2 rule files found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the recording and alert rules are valid', () => {
    const out = promtool('check', 'rules', join(OPS, 'rules/recording.rules.yml'), join(OPS, 'rules/alerts.rules.yml'));
    expect(out).toMatch(/SUCCESS: 23 rules found[\s\S]*SUCCESS: 5 rules found/);
  });

  it('every alert fires on its input series and stays silent just below (promtool test rules)', () => {
    expect(promtool('test', 'rules', join(OPS, 'tests/alerts.test.yml'))).toMatch(/SUCCESS/);
  });
});
