import { repoBaseUrl } from '../api/demo-config';
import { getSagaDefinition } from '../api/edge-api';
import { setTitle } from '../app/page-title';
import { el, fill, sourceLink } from '../dom/element';
import { sagaDiagram } from './saga-diagram';
import { layoutSaga } from './saga-layout';
import { sagaTable } from './saga-table';
import { mountLiveSystemDiagram } from './live-system-diagram';

const SAGA_SOURCE = 'apps/product/checkout-orchestrator/src/checkout-saga/checkout-saga.definition.ts';

/** `/architecture`: how the cluster is built, and the saga drawn from its own definition. */
export function mountArchitecture(root: HTMLElement): () => void {
  setTitle('Architecture');
  let active = true;
  const sagaSlot = el('div', { class: 'saga-slot' }, el('p', { class: 'muted' }, 'Loading the saga definition…'));
  const notesSlot = el('div');
  const systemSection = el('section', { class: 'card', 'aria-labelledby': 'system-heading' }, el('h2', { id: 'system-heading' }, 'Services, broker and databases'));
  root.append(
    el('h1', { tabindex: '-1' }, 'How it is built'),
    el(
      'p',
      { class: 'lede' },
      'Five NestJS services. The browser only ever talks to bff-web; after the first HTTP call every hop is a RabbitMQ message, written through a transactional outbox and consumed through an idempotent inbox.',
    ),
    systemSection,
    el(
      'section',
      { class: 'card', 'aria-labelledby': 'saga-heading' },
      el('h2', { id: 'saga-heading' }, 'The checkout saga'),
      el(
        'p',
        {},
        'Drawn from the state table the orchestrator runs (GET /api/demo/saga-definition): change the table and this diagram changes with it. Columns are the fewest steps from the initial state.',
      ),
      sagaSlot,
    ),
    el('section', { class: 'card', 'aria-labelledby': 'messaging-heading' }, el('h2', { id: 'messaging-heading' }, 'Outbox and inbox'), notesSlot),
  );

  const unmountDiagram = mountLiveSystemDiagram(systemSection);

  void Promise.all([getSagaDefinition(), repoBaseUrl()]).then(
    ([definition, base]) => {
      if (!active) return;
      fill(
        sagaSlot,
        el('div', { class: 'diagram-scroll', role: 'region', 'aria-label': 'Saga state diagram', tabindex: '0' }, sagaDiagram(definition, layoutSaga(definition))),
        sagaLegend(),
        el('p', { class: 'source-line' }, 'The table: ', sourceLink(base, SAGA_SOURCE, SAGA_SOURCE)),
        sagaTable(definition),
      );
    },
    () => active && fill(sagaSlot, el('p', { class: 'alert alert-error', role: 'alert' }, 'Could not load the saga definition from the orchestrator.')),
  );
  void repoBaseUrl().then((base) => active && fill(notesSlot, ...messagingNotes(base)));
  return () => {
    active = false;
    unmountDiagram();
  };
}

function sagaLegend(): HTMLElement {
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    el('li', { class: 'legend-item legend-step' }, 'a step forward'),
    el('li', { class: 'legend-item legend-compensation' }, 'compensation (undoes a step)'),
    el('li', { class: 'legend-item legend-final' }, 'final state'),
    el('li', { class: 'legend-item legend-attention' }, 'needs an operator'),
  );
}

function messagingNotes(base: string | null): HTMLElement[] {
  const file = (path: string): HTMLElement => sourceLink(base, path, path.split('/').pop() ?? path);
  return [
    el(
      'p',
      {},
      el('strong', {}, 'Outbox. '),
      'A handler never publishes to RabbitMQ directly. It writes the outgoing message as a row in the same database transaction as its state change (',
      file('libs/outbox/src/outbox/outbox.ts'),
      '), so either both happen or neither does. A relay (',
      file('libs/outbox/src/relay/outbox-relay.ts'),
      ') claims pending rows with FOR UPDATE SKIP LOCKED, publishes them with publisher confirms and marks them sent only once the broker has them. A crash between commit and publish delays a message; it never loses one.',
    ),
    el(
      'p',
      {},
      el('strong', {}, 'Inbox. '),
      'Delivery is at least once, so every consumer records (message id, consumer) under a unique key in the same transaction as its effect (',
      file('libs/outbox/src/inbox/inbox.ts'),
      '). A redelivered or duplicated message, such as the provider’s webhook sent twice, finds its id already there and has no second effect.',
    ),
    el(
      'p',
      {},
      el('strong', {}, 'The saga. '),
      'The orchestrator applies one declarative table (',
      file(SAGA_SOURCE),
      '): the new state, the timers and the outgoing messages are saved together, with a version check, in one transaction with the inbox record.',
    ),
  ];
}
