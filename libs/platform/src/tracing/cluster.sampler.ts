import { type Attributes, type Context, type Link, type SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/** The span Nest's instrumentation opens around NestFactory.create. */
const APP_CREATION_SPAN = 'Create Nest App';

/**
 * Statements that only open or close a transaction (pg's instrumentation names a span
 * `pg.query:<first word> <database>`). TypeORM wraps every handler's work in one, and the
 * handler's own span already spans it from BEGIN to COMMIT.
 */
const TRANSACTION_CONTROL = /^pg\.query:(START|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/;

/**
 * The sampler named by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, except for spans that
 * would only be noise:
 * - The span around Nest's app creation. Connections opened during creation (RabbitMQ,
 *   Redis, Postgres pools) keep that span as their async context for the life of the process,
 *   so recorded, every later event on them would grow one endless trace. Not recorded, it is
 *   not sampled, and the parent-based default drops what inherits it.
 * - Transaction control statements: two of every transaction's round trips, which say
 *   nothing its handler's span does not. Unrecorded spans are never exported, and at a dozen
 *   transactions a checkout they were a fifth of all its spans (measured, with pool-connect
 *   spans, which start-tracing turns off). Nothing is ever started under them, so no
 *   descendant is lost.
 */
export class ClusterSampler implements Sampler {
  constructor(private readonly delegate: Sampler = samplerFromEnv(process.env)) {}

  shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (name === APP_CREATION_SPAN || TRANSACTION_CONTROL.test(name)) return { decision: SamplingDecision.NOT_RECORD };
    const parent = trace.getSpanContext(context);
    // A local parent left unsampled (the creation span above) keeps its children unsampled
    // even under a sampler that is not parent-based.
    if (parent && !parent.isRemote && (parent.traceFlags & TraceFlags.SAMPLED) === 0) return { decision: SamplingDecision.NOT_RECORD };
    return this.delegate.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `Cluster{${this.delegate.toString()}}`;
  }
}

/** The standard OTEL_TRACES_SAMPLER values; the default is parentbased_always_on. */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  const ratioSampler = () => new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1);
  switch (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') {
    case 'always_on': return new AlwaysOnSampler();
    case 'always_off': return new AlwaysOffSampler();
    case 'traceidratio': return ratioSampler();
    case 'parentbased_always_off': return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: ratioSampler() });
    default: return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}
