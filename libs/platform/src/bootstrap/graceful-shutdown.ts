import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import { ReadinessRegistry } from '../health/readiness.registry';
import { DrainRegistry } from './drain.registry';

export interface ShutdownTiming {
  /** How long /health/ready answers 503 before the HTTP server stops accepting connections. */
  delayMs: number;
  /** The whole drain's budget; keep it below the supervisor's kill timeout. */
  timeoutMs: number;
}

/**
 * Drains the process on SIGTERM or SIGINT instead of dying mid-request, so a rolling restart
 * or a scale-down loses nothing and fails no client:
 *
 * 1. /health/ready answers 503 (`lifecycle: draining`): load balancers and `restart:rolling`
 *    stop counting on this replica while it still serves what they send meanwhile;
 * 2. after `delayMs`, the HTTP server stops accepting connections (under pm2's cluster mode
 *    the primary stops handing it any) and finishes the requests in flight; responses sent
 *    while draining carry `Connection: close`, so no client reuses a socket about to go;
 * 3. the registered drains run (DrainRegistry): consumers are cancelled and their handlers in
 *    flight commit and ack (unacked messages return to the queue), schedulers finish a pass;
 * 4. Nest's shutdown hooks run: the relay finishes its pass, workers stop, and the broker,
 *    database and Redis connections close;
 * 5. the process exits 0, or 1 if the drain outran `timeoutMs`.
 */
export function drainOnSignals(app: INestApplication, logger: LoggerService, timing: ShutdownTiming): void {
  const server = app.getHttpServer() as Server;
  let draining = false;
  app.get(ReadinessRegistry).register('lifecycle', async () =>
    draining ? { up: false, details: { state: 'draining' } } : { up: true, details: { state: 'serving' } },
  );
  // Every response sent from the start of the drain says `Connection: close`, those already
  // being prepared included: the client then opens a fresh connection (to a sibling replica)
  // rather than reuse this one just as it closes, which would reset its next request.
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    if (draining) {
      // A listener before this one (the orchestrator's early refusal) may have answered already.
      if (!response.headersSent) response.setHeader('Connection', 'close');
    } else {
      inFlight.add(response);
      response.once('close', () => inFlight.delete(response));
    }
  });
  const closeAfterResponse = () => {
    for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
  };

  const drain = async (signal: NodeJS.Signals) => {
    if (draining) return; // a second signal while draining changes nothing
    draining = true;
    closeAfterResponse();
    const started = Date.now();
    logger.log(`${signal}: draining (not ready; closing the HTTP server in ${timing.delayMs} ms)`);
    // A drain that hangs (a handler that never returns) must not outlive the supervisor's patience.
    const deadline = setTimeout(() => {
      logger.error(`drain did not finish within ${timing.timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timing.timeoutMs);
    deadline.unref();
    try {
      await sleep(timing.delayMs);
      await closeHttpServer(server);
      const drains = app.get(DrainRegistry);
      logger.log(`HTTP server closed after ${Date.now() - started} ms; draining ${drains.names().join(', ') || 'nothing'}`);
      for (const outcome of await drains.drainAll()) {
        if (outcome.status === 'rejected') logger.warn(`a drain failed: ${String(outcome.reason)}`);
      }
      await app.close();
      logger.log(`drained in ${Date.now() - started} ms; exiting`);
      process.exit(0);
    } catch (error) {
      logger.error(`drain failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void drain(received));
}

/**
 * Stops accepting connections and resolves once every request in flight has been answered
 * (and its connection closed, which `Connection: close` ensures). Idle keep-alive connections
 * are closed at once by `close` itself (Node 19 and later).
 */
function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
