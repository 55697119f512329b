import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The files through which the chaos agent and the services agree where connections go
// (docs/decisions/0046): `routes.json`, written by the agent, and `acks/`, one per process.

/** A dependency whose connections a chaos experiment can send through the fault proxy. */
export type RoutedDependency = 'postgres' | 'rabbitmq';

/** What the chaos agent writes: for each service, the dependencies it reaches through the proxy now. */
export interface RoutesFile {
  version: number;
  proxied: Record<string, readonly RoutedDependency[]>;
}

/** What each process writes back once it has moved: the version it applied and where it is. */
export interface RouteAck {
  version: number;
  proxied: RoutedDependency[];
}

export const ROUTES_FILE = 'routes.json';
export const ACKS_DIR = 'acks';

/** The acknowledgement file of one process. */
export function ackFile(dir: string, service: string, instance: string): string {
  return join(dir, ACKS_DIR, `${service}.${instance}.json`);
}

/** `routes.json` in `dir`, or undefined when there is none yet (or it is not one). */
export function readRoutes(dir: string): RoutesFile | undefined {
  const parsed = readWhole<Partial<RoutesFile>>(join(dir, ROUTES_FILE));
  if (typeof parsed?.version !== 'number' || typeof parsed.proxied !== 'object' || parsed.proxied === null) return undefined;
  return parsed as RoutesFile;
}

/** Writes `routes.json` whole (aside, then renamed): a watcher never reads half a file. */
export function writeRoutes(dir: string, routes: RoutesFile): void {
  mkdirSync(dir, { recursive: true });
  writeWhole(join(dir, ROUTES_FILE), routes);
}

/** What one process last acknowledged, or undefined before its first acknowledgement. */
export function readAck(dir: string, service: string, instance: string): RouteAck | undefined {
  return readWhole<RouteAck>(ackFile(dir, service, instance));
}

/** The JSON in `file`, or undefined when there is none (or it does not parse). */
function readWhole<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON aside, then renames it into place: a reader never sees half a file. */
export function writeWhole(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
}

/** `url` with its host and port replaced by `address` (`host:port`); unchanged for undefined. */
export function withAddress(url: string, address: string | undefined): string {
  if (!address) return url;
  const parsed = new URL(url);
  parsed.host = address;
  return parsed.toString();
}
