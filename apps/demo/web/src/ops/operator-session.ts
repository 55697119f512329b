import { checkOperatorToken } from '../api/edge-api';
import { ApiError } from '../api/http-client';
import { el } from '../dom/element';

const KEY = 'ops-token';

/**
 * The operator token the console's actions send. Kept in sessionStorage: it lives as long as
 * the tab and is never written anywhere a later visitor of this browser could find it.
 */
export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function keepToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // storage disabled: the actions stay locked, as they would after a reload
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: nothing was kept
  }
}

/**
 * The "unlock actions" form. The token is checked with the edge before it is kept, so the
 * buttons appear only for a token that works.
 */
export function tokenForm(onUnlocked: () => void): HTMLElement {
  const input = el('input', { type: 'password', id: 'ops-token', autocomplete: 'off', 'data-testid': 'ops-token-input', required: true });
  const note = el('p', { class: 'hint', role: 'status' });
  const form = el(
    'form',
    { class: 'ops-token-form' },
    el('label', { for: 'ops-token' }, 'Operator token'),
    input,
    el('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'ops-token-submit' }, 'Unlock actions'),
    note,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    note.textContent = 'Checking…';
    checkOperatorToken(token).then(
      () => {
        keepToken(token);
        onUnlocked();
      },
      (error: unknown) => {
        note.textContent = error instanceof ApiError && error.status === 403 ? 'That token was refused.' : `Could not check the token: ${String((error as Error).message)}`;
      },
    );
  });
  return form;
}
