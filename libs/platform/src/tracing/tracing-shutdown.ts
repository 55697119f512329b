import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { flushTracing } from './tracing-flush';

/**
 * Flushes the batch of finished spans as the application shuts down, after the relay and the
 * consumers stopped, so the last checkout's spans reach the collector instead of dying with us.
 */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTracing();
  }
}
