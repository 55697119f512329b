import { DynamicModule, Module } from '@nestjs/common';
import type { BffConfig } from '../config';
import { AlertLog } from './alert-log';
import { AlertReceiverLifecycle } from './alert-receiver.lifecycle';
import { AlertsHttpController } from './alerts.http.controller';

/** Alertmanager's alerts, received on an internal port and listed on the operations console. */
@Module({})
export class AlertsModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: AlertsModule,
      controllers: [AlertsHttpController],
      providers: [
        { provide: AlertLog, useValue: new AlertLog() },
        {
          provide: AlertReceiverLifecycle,
          useFactory: (log: AlertLog) => new AlertReceiverLifecycle(log, { port: config.ALERTS_RECEIVER_PORT, host: config.ALERTS_RECEIVER_HOST }),
          inject: [AlertLog],
        },
      ],
    };
  }
}
