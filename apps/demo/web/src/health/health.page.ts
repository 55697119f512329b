import { getHealth } from '../api/edge-api';
import type { ClusterHealth } from '../api/edge-api.types';
import { ApiError } from '../api/http-client';
import { setTitle } from '../app/page-title';
import { el, fill } from '../dom/element';
import { pollWhileVisible } from '../dom/poll-while-visible';
import { formatClock } from '../format/time';
import { healthCard } from './health-card';
import { readyCount, unreachable } from './health-checks';
import { mountHealthPlots } from './health-plots';
import { mountSecretsPanel } from './secrets-panel';

const REFRESH_MS = 2_000;

/**
 * `/health`: every service's readiness, refreshed every 2 s. The next request is scheduled
 * only after the previous one settled (and each gives up after under 2 s), so a hung edge
 * never piles requests up; a hidden tab stops polling and catches up when shown again.
 */
export function mountHealth(root: HTMLElement): () => void {
  setTitle('Health');
  const summary = el('p', { class: 'health-summary', role: 'status' }, 'Asking every service…');
  const grid = el('div', { class: 'health-grid' });
  root.append(
    el('h1', { tabindex: '-1' }, 'Health'),
    el('p', { class: 'lede' }, 'Readiness of every service as bff-web sees it: database, broker, outbox backlog and dead letters. Refreshed every 2 s.'),
    summary,
    grid,
  );
  const secrets = el('section', { class: 'health-secrets', 'aria-label': 'Database logins' });
  const plots = el('section', { class: 'health-plots', 'aria-label': 'Metrics over time' });
  root.append(secrets, plots);
  const unmountSecrets = mountSecretsPanel(secrets);
  const unmountPlots = mountHealthPlots(plots);

  let last: ClusterHealth | null = null;
  const controller = new AbortController();

  const show = (health: ClusterHealth, note: string): void => {
    fill(grid, ...health.services.map(healthCard));
    summary.textContent = note;
  };

  const refresh = async (): Promise<void> => {
    try {
      last = await getHealth(controller.signal);
      show(last, `${readyCount(last)} · updated ${formatClock(last.at)}`);
      summary.classList.remove('is-stale');
    } catch (error: unknown) {
      if (controller.signal.aborted) return;
      const reason = error instanceof ApiError ? error.message : 'No answer';
      const stale = unreachable(last, `bff-web did not answer: ${reason}`);
      if (stale) show(stale, `bff-web is not answering (${reason}); showing every service as down.`);
      else summary.textContent = `bff-web is not answering (${reason}); retrying…`;
      summary.classList.add('is-stale');
    }
  };
  const stopPolling = pollWhileVisible(refresh, REFRESH_MS, controller.signal);

  return () => {
    unmountSecrets();
    unmountPlots();
    controller.abort();
    stopPolling();
  };
}
