import { repoBaseUrl } from '../api/demo-config';
import { getOpsAlerts, getOpsCheckouts, getOpsDeadLetters, replayDeadLetters, resumeCheckout } from '../api/edge-api';
import { ApiError } from '../api/http-client';
import { setTitle } from '../app/page-title';
import { el, fill } from '../dom/element';
import { alertsSection } from './alerts-section';
import { checkoutsSection } from './checkouts-table';
import { deadLettersSection } from './dead-letters-section';
import { forgetToken, storedToken, tokenForm } from './operator-session';

/**
 * `/ops`: the operations console. Anyone may look; resume and replay appear only once a token
 * the edge accepts was entered (and never when the edge has none configured). Redrawn whole
 * after every action and on "Refresh".
 */
export function mountOps(root: HTMLElement): () => void {
  setTitle('Operations');
  const status = el('p', { class: 'ops-status', role: 'status', 'data-testid': 'ops-status' });
  const access = el('div', { class: 'ops-access' });
  const body = el('div', { class: 'ops-body' }, 'Loading…');
  const refreshButton = el('button', { type: 'button', class: 'button button-secondary' }, 'Refresh');
  root.append(
    el('h1', { tabindex: '-1' }, 'Operations'),
    el('p', { class: 'lede' }, 'Alerts, stuck checkouts and dead letters across the cluster. Anyone may see states, counts and ages; checkout ids, resume and replay need the operator token.'),
    el('div', { class: 'ops-toolbar' }, refreshButton, access),
    status,
    body,
  );
  let stopped = false;

  const act = (label: string, work: (token: string) => Promise<string>): void => {
    const token = storedToken();
    if (token === null) return;
    status.textContent = `${label}…`;
    work(token).then(
      (done) => refresh(done),
      (error: unknown) => {
        // A token that stopped working (rotated) is dropped, so the buttons go away.
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) forgetToken();
        refresh(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };

  const refresh = (note = ''): void => {
    const held = storedToken();
    Promise.all([getOpsCheckouts(held), getOpsDeadLetters(held), getOpsAlerts(), repoBaseUrl()]).then(
      ([checkouts, deadLetters, alerts, repoBase]) => {
        if (stopped) return;
        const token = checkouts.actionsEnabled ? storedToken() : null;
        fill(access, accessView(checkouts.actionsEnabled, token !== null, () => refresh()));
        const resume =
          token === null
            ? null
            : ({ checkoutId }: { checkoutId: string | null }) => {
                if (checkoutId) act('Resuming', async (t) => `Resumed: now ${(await resumeCheckout(checkoutId, t)).state}.`);
              };
        const replay =
          token === null
            ? null
            : (service: string, messageId?: string) =>
                act('Replaying', async (t) => `Replayed ${(await replayDeadLetters(service, t, messageId)).replayed} from ${service}.`);
        fill(body, alertsSection(alerts, repoBase), checkoutsSection(checkouts, resume, Date.now()), deadLettersSection(deadLetters, replay));
        status.textContent = note;
      },
      (error: unknown) => {
        if (stopped) return;
        status.textContent = `The console could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  };

  refreshButton.addEventListener('click', () => refresh());
  refresh();
  return () => {
    stopped = true;
  };
}

function accessView(enabled: boolean, unlocked: boolean, redraw: () => void): HTMLElement {
  if (!enabled) return el('p', { class: 'hint' }, 'Read-only: this edge has no operator token configured.');
  if (!unlocked) return tokenForm(redraw);
  const lock = el('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'ops-lock' }, 'Lock actions');
  lock.addEventListener('click', () => {
    forgetToken();
    redraw();
  });
  return el('p', { class: 'hint' }, 'Actions unlocked for this tab. ', lock);
}
