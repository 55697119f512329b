import type { INestApplication } from '@nestjs/common';
import { ReadinessRegistry } from '../health/readiness.registry';

const POLL_MS = 250;

/**
 * Under a supervisor that waits for it (pm2 with `wait_ready`), sends `'ready'` once every
 * readiness check passes, so a reload replaces a replica only by one that can serve. Without
 * an IPC channel (started by hand, by Kubernetes) there is nobody to tell: the probes ask.
 */
export function announceReadyToSupervisor(app: INestApplication): void {
  const send = process.send?.bind(process);
  if (!send) return;
  const registry = app.get(ReadinessRegistry);
  const poll = async () => {
    const outcomes = await Promise.all(registry.entries().map(([, check]) => check().catch(() => ({ up: false }))));
    if (outcomes.every((outcome) => outcome.up)) send('ready');
    else setTimeout(() => void poll(), POLL_MS).unref();
  };
  void poll();
}
