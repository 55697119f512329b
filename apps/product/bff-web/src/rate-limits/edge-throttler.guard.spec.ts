import { HealthController, MetricsController } from '@checkout/platform';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import { ClusterHealthHttpController } from '../cluster-health/cluster-health.http.controller';
import { DemoHttpController } from '../demo/demo.http.controller';
import { SagaEventsSseController } from '../demo/saga-events.sse.controller';
import { EdgeThrottlerGuard } from './edge-throttler.guard';

/** Asks the guard whether it would count a request to a handler of `controller` at all. */
class SkipProbe extends EdgeThrottlerGuard {
  skips(controller: unknown): Promise<boolean> {
    return this.shouldSkip({ getClass: () => controller } as unknown as ExecutionContext);
  }
}

describe('which requests the edge rate-limits', () => {
  const probe = new SkipProbe({ throttlers: [] } as ThrottlerModuleOptions, {} as ThrottlerStorage, new Reflector());

  it('never limits the health checks or the metrics the supervisor and Prometheus ask for', async () => {
    expect(await probe.skips(HealthController)).toBe(true);
    expect(await probe.skips(MetricsController)).toBe(true);
  });

  it('counts opening an event stream like any request of the client (no route-level waiver)', () => {
    expect(Reflect.getMetadata(`${THROTTLER_SKIP}default`, SagaEventsSseController.prototype.events)).toBeUndefined();
  });

  it('limits the public API, the health dashboard’s included', async () => {
    expect(await probe.skips(DemoHttpController)).toBe(false);
    expect(await probe.skips(ClusterHealthHttpController)).toBe(false);
  });
});
