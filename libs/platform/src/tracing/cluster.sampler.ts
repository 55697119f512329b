import { type Attributes, type Context, type Link, type SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';

/** The span Nest's instrumentation opens around NestFactory.create. */
const APP_CREATION_SPAN = 'Create Nest App';

/** Requests, as `METHOD /path`, that start a trace every time whatever the ratio (see ClusterSampler). */
export type AlwaysTracedRequests = readonly string[];

/** The ratio of traces started when OTEL_TRACES_SAMPLER_ARG does not say: 1 % (docs/decisions/0035). */
export const DEFAULT_TRACE_RATIO = 0.01;

/**
 * The sampler named by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (by default parent-based,
 * 1 % of new traces), except that:
 * - A request this process was told to always trace (the shop page's Pay click, at the edge)
 *   starts a sampled trace whenever it starts one. The decision is taken once, where the
 *   checkout starts, and travels with it as the traceparent's sampled flag: through HTTP, the
 *   outbox rows, the messages' headers, the timers and the sandbox's stored context, so every
 *   later span follows it (parent-based), and an unsampled API checkout costs no span anywhere.
 * - The span around Nest's app creation. Connections opened during creation (RabbitMQ,
 *   Redis, Postgres pools) keep that span as their async context for the life of the process,
 *   so recorded, every later event on them would grow one endless trace. Not recorded, it is
 *   not sampled, and the parent-based default drops what inherits it.
 */
export class ClusterSampler implements Sampler {
  private readonly alwaysTraced: ReadonlySet<string>;

  constructor(
    private readonly delegate: Sampler = samplerFromEnv(process.env),
    alwaysTraced: AlwaysTracedRequests = [],
  ) {
    this.alwaysTraced = new Set(alwaysTraced);
  }

  shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (name === APP_CREATION_SPAN) return { decision: SamplingDecision.NOT_RECORD };
    const parent = trace.getSpanContext(context);
    if (!parent && this.alwaysTraced.has(`${attributes['http.request.method']} ${attributes['url.path']}`)) {
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    }
    // A local parent left unsampled (the creation span above) keeps its children unsampled
    // even under a sampler that is not parent-based.
    if (parent && !parent.isRemote && (parent.traceFlags & TraceFlags.SAMPLED) === 0) return { decision: SamplingDecision.NOT_RECORD };
    return this.delegate.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `Cluster{${this.delegate.toString()}}`;
  }
}

/**
 * The standard OTEL_TRACES_SAMPLER values. The default is parentbased_traceidratio, not the
 * SDK's parentbased_always_on: at a hundred checkouts a second, tracing each whole cost more
 * CPU than the checkout's own work. The ratio defaults to 1 %.
 */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? DEFAULT_TRACE_RATIO);
  const ratioSampler = () => new TraceIdRatioBasedSampler(Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : DEFAULT_TRACE_RATIO);
  switch (env.OTEL_TRACES_SAMPLER ?? 'parentbased_traceidratio') {
    case 'always_on': return new AlwaysOnSampler();
    case 'always_off': return new AlwaysOffSampler();
    case 'traceidratio': return ratioSampler();
    case 'parentbased_always_off': return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: ratioSampler() });
    default: return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}
