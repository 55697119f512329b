import type { OpsDeadLetter, OpsDeadLetters } from '../api/edge-api.types';
import { el } from '../dom/element';
import { formatClock } from '../format/time';
import { actionButton } from './action-button';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Replays one letter (by message id) or, without one, all of a service's; null without a token. */
export type ReplayAction = ((service: string, messageId?: string) => void) | null;

/** A card per consuming service: its dead-letter counts and each letter with reason and body. */
export function deadLettersSection(view: OpsDeadLetters, replay: ReplayAction): HTMLElement {
  return el(
    'section',
    { 'aria-labelledby': 'ops-dead-letters' },
    el('h2', { id: 'ops-dead-letters' }, 'Dead letters'),
    el('p', { class: 'hint' }, 'Messages a service gave up on: not JSON, breaking their contract, or failing after every retry.'),
    ...view.services.map((service) =>
      el(
        'article',
        { class: 'card ops-service', 'data-testid': 'ops-dead-letter-service', 'data-service': service.service },
        el(
          'header',
          { class: 'ops-service-header' },
          el('h3', {}, service.service),
          !service.available
            ? el('span', { class: 'status status-down' }, 'not answering')
            : replay && service.messages.length > 0
              ? actionButton('Replay all', 'replay-all-button', () => replay(service.service))
              : null,
        ),
        service.available && service.messages.length === 0 ? el('p', { class: 'muted' }, 'None.') : null,
        ...service.messages.map((letter) => letterView(service.service, letter, replay)),
      ),
    ),
  );
}

function letterView(service: string, letter: OpsDeadLetter, replay: ReplayAction): HTMLElement {
  return el(
    'div',
    { class: 'ops-letter', 'data-testid': 'dead-letter', 'data-message-id': letter.messageId ?? '' },
    el(
      'p',
      {},
      el('strong', {}, letter.type ?? 'unknown type'),
      ` on ${letter.queue} · ${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`,
      letter.failedAt ? ` · failed ${formatClock(letter.failedAt)}` : '',
    ),
    el('p', { class: 'ops-reason' }, letter.reason ?? 'no reason recorded'),
    letter.body === null ? null : el('details', {}, el('summary', {}, 'Message'), el('pre', {}, letter.body)),
    // A letter without a (UUID) message id cannot be named: only "Replay all" sends it back.
    replay && letter.messageId && UUID.test(letter.messageId) ? actionButton('Replay', 'replay-button', () => replay(service, letter.messageId ?? undefined)) : null,
  );
}
