import type { INestApplication } from '@nestjs/common';
import { ReadinessRegistry } from '../health/readiness.registry';

const POLL_MS = 250;
/**
 * The checks a new replica waits for: its own connections. Not the outbox's age: a backlog
 * says the cluster is behind, which is when a new replica should join, not stay out. Not the
 * broker either: while it is away the outbox holds what the replica sends (DEGRADED_WHEN_DOWN).
 */
const CONNECTIONS = new Set(['database', 'redis']);

/** Resolves once every connection the app registered a readiness check for answers. */
export async function whenReady(app: INestApplication): Promise<void> {
  const registry = app.get(ReadinessRegistry);
  for (;;) {
    const checks = registry.entries().filter(([name]) => CONNECTIONS.has(name));
    const outcomes = await Promise.all(checks.map(([, check]) => check().catch(() => ({ up: false }))));
    if (outcomes.every((outcome) => outcome.up)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Under a supervisor that waits for it (pm2 with `wait_ready`), sends `'ready'` once its
 * connections answer, so a reload replaces a replica only by one that can serve. Without
 * an IPC channel (started by hand, by Kubernetes) there is nobody to tell: the probes ask.
 */
export function announceReadyToSupervisor(app: INestApplication): void {
  const send = process.send?.bind(process);
  if (send) void whenReady(app).then(() => send('ready'));
}
