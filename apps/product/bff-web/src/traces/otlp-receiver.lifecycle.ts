import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OtlpReceiver } from './otlp-receiver.server';
import { TraceStore } from './trace-store';

/** Opens the loopback OTLP intake with the application and closes it with it. */
export class OtlpReceiverLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OtlpReceiver');
  private readonly receiver: OtlpReceiver;

  constructor(
    store: TraceStore,
    private readonly port: number,
  ) {
    this.receiver = new OtlpReceiver((spans) => store.add(spans));
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = await this.receiver.listen(this.port);
    this.logger.log(`OTLP/HTTP trace receiver on 127.0.0.1:${port}/v1/traces`);
  }

  onApplicationShutdown(): Promise<void> {
    return this.receiver.close();
  }
}
