import { createServer } from 'node:net';

/**
 * Ports are drawn below Linux's ephemeral range (32768–60999 by default): a port the kernel
 * hands out for listen(0) is one it may also give, a moment later, to an outgoing connection
 * of another process, and a test that listens on it after that fails with EADDRINUSE.
 */
const LOWEST = 20_000;
const HIGHEST = 32_000;
/** Ports this process handed out already: two calls before either is used never get the same one. */
const handedOut = new Set<number>();

/** A port on 127.0.0.1 that nothing listens on now, for a test's server to take. */
export function freePort(): Promise<number> {
  return freePortRange(1);
}

/**
 * The first of `count` consecutive free ports: replicas listen on a base port plus their
 * index (a service's METRICS_PORT).
 */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST - count));
    const range = Array.from({ length: count }, (_, offset) => first + offset);
    if (range.some((port) => handedOut.has(port))) continue;
    if (!(await everyListenable(range))) continue;
    for (const port of range) handedOut.add(port);
    return first;
  }
  throw new Error(`no ${count} free consecutive port(s) found between ${LOWEST} and ${HIGHEST}`);
}

async function everyListenable(ports: number[]): Promise<boolean> {
  for (const port of ports) if (!(await canListen(port))) return false;
  return true;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
