/**
 * THE CATALOGUE: every fault a visitor may ask for, what it does, and what it may target.
 * Anything not listed here is refused before it reaches a fault; the page, the edge's 400s and
 * the soak's schedule all read this one table.
 */
export const EXPERIMENT_KINDS = [
  'kill-service',
  'stop-service',
  'broker-outage',
  'partition-service',
  'database-connections',
  'database-latency',
  'duplicate-deliveries',
  'poison-message',
] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/** The target of a fault that hits the whole cluster rather than one service. */
export const WHOLE_CLUSTER = 'cluster';

const WITH_QUEUE = ['checkout-orchestrator', 'catalog-svc', 'payments-svc'];
const WITH_BROKER = [...WITH_QUEUE, 'bff-web'];
const WITH_DATABASE = [...WITH_QUEUE, 'psp-sandbox'];

export interface ExperimentSpec {
  readonly kind: ExperimentKind;
  readonly summary: string;
  /** Which targets it accepts: service names (then cut to the allowlist) or the whole cluster. */
  readonly targets: readonly string[];
}

/** The steady-state hypothesis every experiment tests. */
export const HYPOTHESIS =
  'Every checkout started during the fault ends within 60 s of recovery; no stock is oversold; ' +
  'no customer is charged twice or charged for a cancelled order.';

export const CATALOGUE: Readonly<Record<ExperimentKind, ExperimentSpec>> = {
  'kill-service': { kind: 'kill-service', summary: 'SIGKILL the service; the supervisor restarts it', targets: [...WITH_DATABASE, 'bff-web'] },
  'stop-service': { kind: 'stop-service', summary: 'Stop the service gracefully for N s, then start it', targets: [...WITH_DATABASE, 'bff-web'] },
  'broker-outage': { kind: 'broker-outage', summary: 'Every service loses RabbitMQ for N s', targets: [WHOLE_CLUSTER] },
  'partition-service': { kind: 'partition-service', summary: 'One service loses RabbitMQ for N s', targets: WITH_BROKER },
  'database-connections': {
    kind: 'database-connections',
    summary: "Terminate the service's Postgres connections (it must reconnect)",
    targets: WITH_DATABASE,
  },
  'database-latency': { kind: 'database-latency', summary: "250 ms added to the service's database replies for N s", targets: WITH_DATABASE },
  'duplicate-deliveries': { kind: 'duplicate-deliveries', summary: 'The last 20 messages are delivered again', targets: [WHOLE_CLUSTER] },
  'poison-message': {
    kind: 'poison-message',
    summary: "A malformed message on the service's queue: dead-lettered with its reason",
    targets: WITH_QUEUE,
  },
};

export const isExperimentKind = (kind: string): kind is ExperimentKind => (EXPERIMENT_KINDS as readonly string[]).includes(kind);
