export { startLoad, LoadRun, type LoadHooks } from './load-generator';
export type { LoadOptions } from './load-options';
export type { LoadReport } from './load-report';
export type { Percentiles } from './latency-recorder';
export type { CheckoutEnd } from './terminal-event-feed';
