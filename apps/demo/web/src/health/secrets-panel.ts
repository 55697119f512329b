import { getSecrets } from '../api/edge-api';
import { ApiError } from '../api/http-client';
import { el, fill } from '../dom/element';
import { pollWhileVisible } from '../dom/poll-while-visible';
import { formatClock } from '../format/time';
import { secretsRow, type SecretsRow } from './secrets-panel.rows';

const REFRESH_MS = 2_000;

/**
 * The health page's secrets panel: each service's database login, its lease's time left, the
 * last rotation and the logins its open connections use, refreshed every 2 s. During a
 * rotation a service shows two logins for a moment (the old pool draining), then one.
 */
export function mountSecretsPanel(root: HTMLElement): () => void {
  const status = el('p', { class: 'secrets-status muted', role: 'status' }, 'Asking every service…');
  const body = el('tbody');
  root.append(
    el('h2', { id: 'secrets-heading' }, 'Database logins'),
    el(
      'p',
      { class: 'muted' },
      'With SECRETS_PROVIDER=vault each service logs in with a role leased from Vault, renewed at two thirds of its TTL and replaced before it ends. Names and times only: no password or secret leaves the services.',
    ),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'secrets-table', 'aria-labelledby': 'secrets-heading', 'data-testid': 'secrets-panel' },
        el('thead', {}, el('tr', {}, ...['Service', 'Login now', 'Lease left', 'Last rotation', 'Connections use'].map((title) => el('th', { scope: 'col' }, title)))),
        body,
      ),
    ),
    status,
  );

  const controller = new AbortController();
  const refresh = async (): Promise<void> => {
    try {
      const view = await getSecrets(controller.signal);
      fill(body, ...view.services.map((login) => rowElement(secretsRow(login, Date.parse(view.at)))));
      status.textContent = `Updated ${formatClock(view.at)}`;
      status.classList.remove('is-stale');
    } catch (error: unknown) {
      if (controller.signal.aborted) return;
      status.textContent = `Not updated: ${error instanceof ApiError ? error.message : 'no answer'}`;
      status.classList.add('is-stale');
    }
  };
  const stopPolling = pollWhileVisible(refresh, REFRESH_MS, controller.signal);

  return () => {
    controller.abort();
    stopPolling();
  };
}

function rowElement(row: SecretsRow): HTMLElement {
  return el(
    'tr',
    { class: row.warn ? 'secret-row is-warn' : 'secret-row', 'data-testid': 'secret-row', 'data-service': row.service, 'data-login': row.login },
    el('th', { scope: 'row' }, row.service),
    el('td', { class: 'secret-login' }, row.login),
    el('td', {}, row.leaseLeft),
    el('td', {}, row.lastRotation),
    el('td', { class: 'secret-sessions' }, row.sessions),
  );
}
