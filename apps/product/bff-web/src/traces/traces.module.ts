import { DynamicModule, Module } from '@nestjs/common';
import type { BffConfig } from '../config';
import { OtlpReceiverLifecycle } from './otlp-receiver.lifecycle';
import { SagaTraceHttpController } from './saga-trace.http.controller';
import { keptTraceAgeMs, TraceStore } from './trace-store';

/** The cluster's own trace backend: an OTLP intake on loopback and the checkout trace API. */
@Module({})
export class TracesModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: TracesModule,
      controllers: [SagaTraceHttpController],
      providers: [
        {
          provide: TraceStore,
          useValue: new TraceStore({
            maxTraces: config.TRACES_MAX_KEPT,
            maxAgeMs: keptTraceAgeMs(config),
            maxSpansPerTrace: 2_000,
          }),
        },
        {
          provide: OtlpReceiverLifecycle,
          useFactory: (store: TraceStore) => new OtlpReceiverLifecycle(store, config.TRACES_RECEIVER_PORT),
          inject: [TraceStore],
        },
      ],
    };
  }
}
