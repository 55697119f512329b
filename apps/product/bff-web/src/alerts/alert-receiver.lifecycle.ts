import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AlertLog } from './alert-log';
import { AlertReceiver } from './alert-receiver.server';

/** Opens the alert intake with the application and closes it with it. */
export class AlertReceiverLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertReceiver');
  private readonly receiver: AlertReceiver;

  constructor(
    log: AlertLog,
    private readonly address: { port: number; host: string },
  ) {
    this.receiver = new AlertReceiver((alerts) => log.record(alerts));
  }

  async onApplicationBootstrap(): Promise<void> {
    // A busy port costs the console its alerts, not the shop its edge: logged, and the console
    // says it has heard nothing from Alertmanager.
    const port = await this.receiver.listen(this.address.port, this.address.host).catch((error: unknown) => {
      this.logger.error(`cannot listen for alerts on ${this.address.host}:${this.address.port}: ${error instanceof Error ? error.message : error}`);
      return undefined;
    });
    if (port !== undefined) this.logger.log(`Alertmanager webhook receiver on ${this.address.host}:${port}/alerts`);
  }

  onApplicationShutdown(): Promise<void> {
    return this.receiver.close();
  }
}
