import type { Box } from './geometry';

/**
 * The processes and stores of the cluster, placed by hand: this picture changes rarely. The
 * services hang between two bars, RabbitMQ above (every hop after the first HTTP call) and
 * Postgres below (one schema per service, never shared).
 */

export type SystemNodeKind = 'client' | 'service' | 'broker' | 'store';

export interface SystemNode extends Box {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly kind: SystemNodeKind;
  /** The service's name in the live figures (GET /api/demo/topology): its readiness and replicas. */
  readonly service?: string;
}

/**
 * What an arrow's live label counts, per second, from the live figures:
 * - requests: HTTP requests the service `of` served (probes and scrapes left out);
 * - messages: messages the service `of` published to the broker and took off its queues;
 * - bridged: what the edge reads from its bridge queue: the watched checkouts' saga steps and
 *   provider calls (docs/decisions/0041).
 */
export type LinkRate = { readonly count: 'requests' | 'messages'; readonly of: string } | { readonly count: 'bridged' };

/** http: a direct call; amqp: messages through RabbitMQ; data: a store the service uses. */
export type LinkKind = 'http' | 'amqp' | 'data';

export interface SystemLink {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  readonly label: string;
  /** Drop straight down or up from the narrower box, for links into the wide bars. */
  readonly vertical?: boolean;
  /** How far along the link its label sits (0 to 1), to keep it clear of crossing lines. */
  readonly labelAt?: number;
  readonly rate?: LinkRate;
  /** Where the live rate sits: beside the label point (default), or centred under the line (short links). */
  readonly rateBelow?: boolean;
}

const box = (x: number, y: number, width = 170, height = 60): Box => ({ x, y, width, height });
/** Services are taller: a third line shows their readiness and replicas. */
const serviceBox = (x: number, width = 170): Box => box(x, 200, width, 80);

export const SYSTEM_NODES: readonly SystemNode[] = [
  { id: 'browser', label: 'Browser', detail: 'this page', kind: 'client', ...box(20, 20) },
  { id: 'bff-web', label: 'bff-web', detail: ':3000 · edge, live stream', kind: 'service', service: 'bff-web', ...serviceBox(20) },
  { id: 'redis', label: 'Redis', detail: 'rate limits', kind: 'store', ...box(20, 400) },
  { id: 'rabbitmq', label: 'RabbitMQ', detail: 'events exchange · retry queues · dead letters', kind: 'broker', ...box(270, 60, 710, 56) },
  { id: 'orchestrator', label: 'checkout-orchestrator', detail: ':3001 · the saga', kind: 'service', service: 'checkout-orchestrator', ...serviceBox(270, 190) },
  { id: 'catalog', label: 'catalog-svc', detail: ':3002 · stock', kind: 'service', service: 'catalog-svc', ...serviceBox(485, 145) },
  { id: 'payments', label: 'payments-svc', detail: ':3003 · payments', kind: 'service', service: 'payments-svc', ...serviceBox(655, 150) },
  { id: 'psp', label: 'psp-sandbox', detail: ':3004 · the provider', kind: 'service', service: 'psp-sandbox', ...serviceBox(830, 150) },
  {
    id: 'postgres',
    label: 'Postgres',
    detail: 'schemas checkout · catalog · payments · psp, each with its own role',
    kind: 'store',
    ...box(270, 400, 710, 56),
  },
];

export const SYSTEM_LINKS: readonly SystemLink[] = [
  { from: 'browser', to: 'bff-web', kind: 'http', label: 'HTTP + SSE', rate: { count: 'requests', of: 'bff-web' } },
  { from: 'bff-web', to: 'redis', kind: 'data', label: '' },
  { from: 'bff-web', to: 'orchestrator', kind: 'http', label: 'start', labelAt: 0.5, rate: { count: 'requests', of: 'checkout-orchestrator' }, rateBelow: true },
  // Labelled near the edge, clear of the orchestrator's line it crosses.
  { from: 'bff-web', to: 'rabbitmq', kind: 'amqp', label: 'bridge queue', labelAt: 0.3, rate: { count: 'bridged' } },
  // Rates near the broker, above where the bridge queue's line crosses.
  { from: 'orchestrator', to: 'rabbitmq', kind: 'amqp', label: '', vertical: true, labelAt: 0.75, rate: { count: 'messages', of: 'checkout-orchestrator' } },
  { from: 'catalog', to: 'rabbitmq', kind: 'amqp', label: '', vertical: true, labelAt: 0.75, rate: { count: 'messages', of: 'catalog-svc' } },
  { from: 'payments', to: 'rabbitmq', kind: 'amqp', label: '', vertical: true, labelAt: 0.75, rate: { count: 'messages', of: 'payments-svc' } },
  { from: 'payments', to: 'psp', kind: 'http', label: '', labelAt: 0.5, rate: { count: 'requests', of: 'psp-sandbox' }, rateBelow: true },
  { from: 'orchestrator', to: 'postgres', kind: 'data', label: '', vertical: true },
  { from: 'catalog', to: 'postgres', kind: 'data', label: '', vertical: true },
  { from: 'payments', to: 'postgres', kind: 'data', label: '', vertical: true },
  { from: 'psp', to: 'postgres', kind: 'data', label: '', vertical: true },
];
