import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { ClusterSampler, samplerFromEnv } from './cluster.sampler';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const under = (traceFlags: number, isRemote: boolean) =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: 'b7ad6b7169203331', traceFlags, isRemote });
const decide = (sampler: ClusterSampler, name: string, context = ROOT_CONTEXT) =>
  sampler.shouldSample(context, TRACE_ID, name, SpanKind.INTERNAL, {}, []).decision;

describe('the sampler', () => {
  const sampler = new ClusterSampler(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_on' }));

  it("never records Nest's app-creation span, nor what runs in its context", () => {
    expect(decide(sampler, 'Create Nest App')).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(sampler, 'redis-HSET', under(TraceFlags.NONE, false))).toBe(SamplingDecision.NOT_RECORD);
  });

  it('otherwise follows OTEL_TRACES_SAMPLER, including for a remote unsampled parent', () => {
    expect(decide(sampler, 'handle StockReserved')).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(sampler, 'POST', under(TraceFlags.NONE, true))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('defaults to parent-based at 1 % of new traces and reads a ratio', () => {
    expect(samplerFromEnv({}).toString()).toMatch(/ParentBased\{root=TraceIdRatioBased\{0\.01\}/);
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER_ARG: '0.25' }).toString()).toMatch(/TraceIdRatioBased\{0\.25\}/);
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER_ARG: '7' }).toString()).toMatch(/TraceIdRatioBased\{0\.01\}/);
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' }).toString()).toMatch(/ParentBased\{root=AlwaysOnSampler/);
  });
});

describe('sampling decided where a checkout starts', () => {
  // Ratio 0: no new trace is sampled unless the request is one this process always traces.
  const edge = new ClusterSampler(samplerFromEnv({ OTEL_TRACES_SAMPLER_ARG: '0' }), ['POST /api/demo/saga/start']);
  const request = (method: string, path: string, context = ROOT_CONTEXT) =>
    edge.shouldSample(context, TRACE_ID, method, SpanKind.SERVER, { 'http.request.method': method, 'url.path': path }, []).decision;

  it('traces every shop-page Pay click whole', () => {
    expect(request('POST', '/api/demo/saga/start')).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('leaves other new requests (an API checkout at the orchestrator) to the ratio', () => {
    expect(request('POST', '/api/checkouts')).toBe(SamplingDecision.NOT_RECORD);
    expect(request('GET', '/api/demo/saga/start')).toBe(SamplingDecision.NOT_RECORD);
  });

  it("follows the decision carried in a message's or a request's traceparent downstream", () => {
    expect(request('POST', '/webhooks/stripe', under(TraceFlags.SAMPLED, true))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(request('POST', '/webhooks/stripe', under(TraceFlags.NONE, true))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(edge, 'handle StockReserved', under(TraceFlags.NONE, true))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(edge, 'handle StockReserved', under(TraceFlags.SAMPLED, true))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});
