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
  'rotate-credentials',
  'rotate-webhook-secret',
] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/** The target of a fault that hits the whole cluster rather than one service. */
export const WHOLE_CLUSTER = 'cluster';

/**
 * The public edge: it serves the page itself, so a fault on it takes the site away from every
 * visitor. Only an operator may target it (docs/decisions/0033).
 */
export const EDGE = 'bff-web';
/** Targets no anonymous visitor may name, whatever the kind. */
export const OPERATOR_ONLY_TARGETS: readonly string[] = [EDGE];

/** The services that consume a work queue: the ones that retry and dead-letter messages. */
export const WITH_QUEUE = ['checkout-orchestrator', 'catalog-svc', 'payments-svc'];
const WITH_BROKER = [...WITH_QUEUE, 'bff-web'];
/** The services with a database login of their own: the ones whose logins rotate. */
export const WITH_DATABASE = [...WITH_QUEUE, 'psp-sandbox'];

export interface ExperimentSpec {
  readonly kind: ExperimentKind;
  readonly summary: string;
  /** Which targets it accepts: service names (then cut to the allowlist) or the whole cluster. */
  readonly targets: readonly string[];
  /** Seconds when a request names none (kinds without it must be told), and the fewest it may run. */
  readonly defaultSeconds?: number;
  readonly minSeconds?: number;
  /** Offered only when the cluster's secrets come from Vault (SECRETS_PROVIDER=vault). */
  readonly needsVault?: boolean;
}

/** The steady-state hypothesis every experiment tests. */
export const HYPOTHESIS =
  'Every checkout started during the fault ends within 60 s of recovery; no stock is oversold; ' +
  'no customer is charged twice or charged for a cancelled order. Visitors keep the site: the ' +
  'public page and the shop stay reachable throughout, and checkouts started through the edge ' +
  'during the fault end within 60 s of recovery.';

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
  // Rotations are not damage: the hypothesis adds that nothing at all fails (docs/decisions/0025).
  'rotate-credentials': {
    kind: 'rotate-credentials',
    summary: 'Every service takes a new database login now; each old login is dropped once its pool has drained',
    targets: [WHOLE_CLUSTER],
    defaultSeconds: 15,
    needsVault: true,
  },
  'rotate-webhook-secret': {
    kind: 'rotate-webhook-secret',
    summary: 'A new webhook signing secret: both accepted for N s (every webhook signed with both), then the old one retired',
    targets: [WHOLE_CLUSTER],
    defaultSeconds: 20,
    // Both ends re-read Vault when the agent announces the rotation; a shorter overlap would judge
    // the announcement's delivery more than the rotation.
    minSeconds: 5,
    needsVault: true,
  },
};

export const isExperimentKind = (kind: string): kind is ExperimentKind => (EXPERIMENT_KINDS as readonly string[]).includes(kind);
