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
}

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
}

const box = (x: number, y: number, width = 170, height = 60): Box => ({ x, y, width, height });

export const SYSTEM_NODES: readonly SystemNode[] = [
  { id: 'browser', label: 'Browser', detail: 'this page', kind: 'client', ...box(20, 20) },
  { id: 'bff-web', label: 'bff-web', detail: ':3000 · edge, live stream', kind: 'service', ...box(20, 210) },
  { id: 'redis', label: 'Redis', detail: 'rate limits', kind: 'store', ...box(20, 400) },
  { id: 'rabbitmq', label: 'RabbitMQ', detail: 'events exchange · retry queues · dead letters', kind: 'broker', ...box(270, 60, 710, 56) },
  { id: 'orchestrator', label: 'checkout-orchestrator', detail: ':3001 · the saga', kind: 'service', ...box(270, 210, 190) },
  { id: 'catalog', label: 'catalog-svc', detail: ':3002 · stock', kind: 'service', ...box(485, 210, 145) },
  { id: 'payments', label: 'payments-svc', detail: ':3003 · payments', kind: 'service', ...box(655, 210, 150) },
  { id: 'psp', label: 'psp-sandbox', detail: ':3004 · the provider', kind: 'service', ...box(830, 210, 150) },
  {
    id: 'postgres',
    label: 'Postgres',
    detail: 'schemas checkout · catalog · payments · psp, each with its own role',
    kind: 'store',
    ...box(270, 400, 710, 56),
  },
];

export const SYSTEM_LINKS: readonly SystemLink[] = [
  { from: 'browser', to: 'bff-web', kind: 'http', label: 'HTTP + SSE' },
  { from: 'bff-web', to: 'redis', kind: 'data', label: '' },
  { from: 'bff-web', to: 'orchestrator', kind: 'http', label: 'start' },
  { from: 'bff-web', to: 'rabbitmq', kind: 'amqp', label: 'bridge queue', labelAt: 0.55 },
  { from: 'orchestrator', to: 'rabbitmq', kind: 'amqp', label: '', vertical: true },
  { from: 'catalog', to: 'rabbitmq', kind: 'amqp', label: '', vertical: true },
  { from: 'payments', to: 'rabbitmq', kind: 'amqp', label: '', vertical: true },
  { from: 'payments', to: 'psp', kind: 'http', label: '' },
  { from: 'orchestrator', to: 'postgres', kind: 'data', label: '', vertical: true },
  { from: 'catalog', to: 'postgres', kind: 'data', label: '', vertical: true },
  { from: 'payments', to: 'postgres', kind: 'data', label: '', vertical: true },
  { from: 'psp', to: 'postgres', kind: 'data', label: '', vertical: true },
];
