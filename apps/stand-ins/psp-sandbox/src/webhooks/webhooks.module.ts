import { Module } from '@nestjs/common';
import { EventRecorder } from './event-recorder.service';
import { WebhookDispatcher } from './webhook-dispatcher.worker';

@Module({ providers: [EventRecorder, WebhookDispatcher], exports: [EventRecorder, WebhookDispatcher] })
export class WebhooksModule {}
