import type { Pm2Supervisor } from '../supervisor/pm2-supervisor';
import type { Fault } from './fault';

/** SIGKILL: no shutdown hooks, no goodbye; pm2 notices the exit and starts it again. */
export function killService(supervisor: Pm2Supervisor): Fault {
  return {
    kind: 'kill-service',
    async inject(target) {
      await supervisor.kill(target);
      return { signal: 'SIGKILL' };
    },
    // pm2 restarts a killed process by itself; this only covers a restart that never came.
    revert: (target) => supervisor.ensureRunning(target),
  };
}

/** A graceful stop (SIGTERM, drain, exit), held for the experiment's seconds, then a start. */
export function stopService(supervisor: Pm2Supervisor): Fault {
  return {
    kind: 'stop-service',
    async inject(target) {
      await supervisor.stop(target);
      return { signal: 'SIGTERM' };
    },
    revert: (target) => supervisor.ensureRunning(target),
  };
}
