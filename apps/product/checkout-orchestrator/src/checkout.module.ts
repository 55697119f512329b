import { Module } from '@nestjs/common';
import { BrokerConnection } from '@checkout/messaging';
import { ADMISSION_LIMITS, AdmissionControl, BROKER_CONNECTED, type AdmissionLimits } from './admission/admission-control';
import { CqrsModule } from '@nestjs/cqrs';
import { InboxTransportModule } from '@checkout/outbox';
import { ORCHESTRATOR_QUEUE } from './checkout-saga/checkout.subscriptions';
import { ApplyCheckoutEventsHandler } from './checkout-saga/apply-checkout-events.handler';
import { CheckoutSagaMetrics } from './checkout-saga/checkout-saga.metrics';
import { SagaStepWriter } from './checkout-saga/saga-step.writer';
import { CHECKOUT_POLICY, type CheckoutPolicy } from './checkout-saga/checkout-data';
import { CheckoutRepository } from './checkout-saga/checkout.repository';
import { CheckoutSaga } from './checkout-saga/checkout.saga';
import { CheckoutStatesMonitor } from './checkout-saga/checkout-states.monitor';
import { CheckoutMessageController } from './checkout-saga/checkout.message.controller';
import { CATALOG_URL, CatalogClient } from './checkouts/catalog-client';
import { CheckoutViews } from './checkouts/checkout-view';
import { CheckoutsHttpController } from './checkouts/checkouts.http.controller';
import { SagaDefinitionHttpController } from './checkouts/saga-definition.http.controller';
import { StartCheckoutHandler } from './checkouts/start-checkout.handler';
import type { OrchestratorConfig } from './config';
import { SagaTimers } from './timers/saga-timers';
import { TIMER_POLL_MS, TimerScheduler } from './timers/timer-scheduler';

/** The checkout saga: its HTTP API, its message controller, its CQRS handlers and its timers. */
@Module({})
export class CheckoutModule {
  static forRoot(config: OrchestratorConfig) {
    const policy: CheckoutPolicy = {
      paymentTimeoutMs: config.PAYMENT_TIMEOUT_SECONDS * 1000,
      releaseTimeoutMs: config.RELEASE_TIMEOUT_SECONDS * 1000,
      maxReleaseAttempts: config.MAX_RELEASE_ATTEMPTS,
    };
    const admission: AdmissionLimits = {
      maxActiveCheckouts: config.ADMISSION_MAX_ACTIVE_CHECKOUTS,
      maxFirstStepWaitMs: config.ADMISSION_MAX_FIRST_STEP_WAIT_MS,
      maxConcurrentStarts: config.ADMISSION_MAX_CONCURRENT_STARTS,
      sampleMs: config.ADMISSION_SAMPLE_MS,
      targetLatencyMs: config.ADMISSION_TARGET_LATENCY_MS,
    };
    return {
      module: CheckoutModule,
      // The queue's transport, as in every service; its controller is CheckoutMessageController, below.
      imports: [CqrsModule.forRoot(), InboxTransportModule.register({ queue: ORCHESTRATOR_QUEUE, controllers: [] })],
      controllers: [CheckoutsHttpController, SagaDefinitionHttpController, CheckoutMessageController],
      providers: [
        { provide: CHECKOUT_POLICY, useValue: policy },
        { provide: CATALOG_URL, useValue: config.CATALOG_URL },
        { provide: TIMER_POLL_MS, useValue: config.TIMER_POLL_MS },
        { provide: ADMISSION_LIMITS, useValue: admission },
        { provide: BROKER_CONNECTED, useFactory: (broker: BrokerConnection) => () => broker.manager.isConnected(), inject: [BrokerConnection] },
        AdmissionControl,
        CatalogClient,
        CheckoutRepository,
        CheckoutViews,
        SagaTimers,
        CheckoutSaga,
        StartCheckoutHandler,
        CheckoutSagaMetrics,
        SagaStepWriter,
        ApplyCheckoutEventsHandler,
        TimerScheduler,
        CheckoutStatesMonitor,
      ],
    };
  }
}
