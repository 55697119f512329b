import { eventually, freePort } from '@checkout/platform/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './support/service-process';

jest.setTimeout(60_000);

interface Webhook {
  version: string;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

/**
 * deploy/alertmanager/alertmanager.yml in Debian's Alertmanager (installed by `npm run infra:up`):
 * an alert Prometheus sends it reaches the operations console's webhook, as a version 4 payload
 * with the rule's labels and runbook. The console's own intake is bff-web's alert-receiver spec.
 */
describe("Alertmanager's configuration", () => {
  let dir: string;
  let alertmanager: ChildProcess;
  let console: Server;
  const received: Webhook[] = [];
  let apiUrl: string;

  beforeAll(async () => {
    const consolePort = await freePort();
    console = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.url === '/alerts') received.push(JSON.parse(body) as Webhook);
        response.end('ok');
      });
    }).listen(consolePort, '127.0.0.1');
    dir = mkdtempSync(join(tmpdir(), 'alertmanager-'));
    const config = readFileSync(join(WORKSPACE_ROOT, 'deploy/alertmanager/alertmanager.yml'), 'utf8');
    expect(config).toContain('http://127.0.0.1:9465/alerts');
    writeFileSync(join(dir, 'alertmanager.yml'), config.replace('127.0.0.1:9465', `127.0.0.1:${consolePort}`));
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}/api/v2`;
    alertmanager = spawn(
      'prometheus-alertmanager',
      [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
      { stdio: 'ignore' },
    );
    await eventually(async () => (await fetch(`${apiUrl}/status`).catch(() => undefined))?.ok, 20_000, 'Alertmanager answering');
  });

  afterAll(async () => {
    // Alertmanager writes its state into the data directory as it stops: the directory is
    // removed once it has exited, or a removal racing that write fails the suite.
    if (alertmanager && alertmanager.exitCode === null && alertmanager.signalCode === null) {
      const exited = new Promise((resolve) => alertmanager.once('exit', resolve));
      alertmanager.kill('SIGTERM');
      await exited;
    }
    console?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a firing alert to the operations console, with its runbook', async () => {
    const labels = { alertname: 'DeadLettersWaiting', severity: 'ticket', service: 'catalog-svc', queue: 'catalog-svc' };
    const annotations = { summary: 'catalog-svc: 1 dead letter(s) on catalog-svc', runbook_url: 'docs/runbooks/dead-letters-waiting.md' };
    const posted = await fetch(`${apiUrl}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels, annotations, startsAt: new Date().toISOString() }]),
    });
    expect(posted.ok).toBe(true);

    // group_wait is 10 s: the first notification of a group waits that long for its siblings.
    await eventually(() => received.length > 0, 30_000, 'a webhook to the console');
    expect(received[0]).toMatchObject({ version: '4', alerts: [{ status: 'firing', labels, annotations }] });
  });
});
