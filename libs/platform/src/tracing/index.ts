// The tracing entry: free of Nest so that `instrument.ts` can load it before anything it patches.
export { answerUntraced, instrumentationsFor, leftUntraced, startTracing, type TracedClient, type TracingOptions } from './start-tracing';
export { activeSpanIds, activeTraceparent, contextOfTraceparent, currentCheckoutId, inUnsampledTrace, withCheckoutId } from './trace-context';
export { recordWait, WAIT_ATTRIBUTE, type WaitKind } from './wait-span';
