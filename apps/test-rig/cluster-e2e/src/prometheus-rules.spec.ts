import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from './support/service-process';

const OPS = join(WORKSPACE_ROOT, 'deploy/prometheus');

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
    expect(out).toMatch(/SUCCESS: 23 rules found[\s\S]*SUCCESS: 9 rules found/);
  });

  it('every alert fires on its input series and stays silent just below (promtool test rules)', () => {
    expect(promtool('test', 'rules', join(OPS, 'tests/alerts.test.yml'), join(OPS, 'tests/alerts.slow.test.yml'))).not.toMatch(/FAILED/);
  });
});

describe('every alert rule', () => {
  const rules = (parse(readFileSync(join(OPS, 'rules/alerts.rules.yml'), 'utf8')) as {
    groups: { rules: { alert: string; annotations: Record<string, string> }[] }[];
  }).groups.flatMap((group) => group.rules);

  it.each(rules.map((rule) => [rule.alert, rule] as const))('%s links a runbook in docs/runbooks that names it', (name, rule) => {
    const runbook = rule.annotations.runbook_url;
    expect(runbook).toMatch(/^docs\/runbooks\/[a-z-]+\.md$/);
    expect(readFileSync(join(WORKSPACE_ROOT, runbook), 'utf8')).toContain(`# ${name}`);
  });

  it('has a promtool test that fires it', () => {
    const tests = ['alerts.test.yml', 'alerts.slow.test.yml'].map((file) => readFileSync(join(OPS, 'tests', file), 'utf8')).join('\n');
    for (const rule of rules) expect(tests).toMatch(new RegExp(`alertname: ${rule.alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
  });

  it('is sent to Alertmanager, under npm start and in compose', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prometheus-config-'));
    try {
      execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'scripts/prometheus-config.js'), dir], { env: { ...process.env, ALERTMANAGER_ADDRESS: '127.0.0.1:9093' } });
      expect(JSON.parse(readFileSync(join(dir, 'alertmanagers/cluster.json'), 'utf8'))).toEqual([{ targets: ['127.0.0.1:9093'] }]);
      expect(readFileSync(join(dir, 'prometheus.yml'), 'utf8')).toMatch(/alerting:\s+alertmanagers:\s+- file_sd_configs:\s+- files: \['alertmanagers\/\*\.json'\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const compose = parse(readFileSync(join(OPS, 'prometheus.compose.yml'), 'utf8')) as { alerting: unknown };
    expect(compose.alerting).toEqual({ alertmanagers: [{ static_configs: [{ targets: ['alertmanager:9093'] }] }] });
  });
});
