import type { z } from 'zod';

/**
 * A setting whose default is written in this repository (a login, a token, a key): anyone can
 * read it, so it is safe only while the server that accepts it is this machine. Away from
 * loopback the process refuses to start, naming the setting and never its value.
 */
export interface PublishedDefault {
  /** The setting that holds the credential. */
  readonly setting: string;
  /** The setting that says where the server accepting it is (a URL or a listen address). */
  readonly server: string;
  /** True when the value still is (or still carries) the published default. */
  readonly isPublished: (value: unknown) => boolean;
  /** When the credential is not used at all under this configuration, it is not refused. */
  readonly appliesWhen?: (config: Settings) => boolean;
}

/** A validated configuration, read by setting name. */
export type Settings = Readonly<Record<string, unknown>>;

/** True for an address on this machine: a URL or host in 127.0.0.0/8, ::1 or localhost. */
export function isOnThisMachine(address: unknown): boolean {
  if (typeof address !== 'string') return false;
  let host = address;
  if (address.includes('//')) {
    try {
      host = new URL(address).hostname;
    } catch {
      return false;
    }
  }
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The value is exactly the published one (a token, a key). */
export const equalTo =
  (...published: readonly string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && published.includes(value);

/** The URL logs in with the published user and password of `publishedUrl` (host and path may differ). */
export const sameLoginAs =
  (publishedUrl: string) =>
  (value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    try {
      const given = new URL(value);
      const published = new URL(publishedUrl);
      return given.username === published.username && given.password === published.password;
    } catch {
      return false;
    }
  };

/** The settings of `config` that hold a published default while their server is elsewhere. */
export function refusedDefaults(defaults: readonly PublishedDefault[], config: Settings): string[] {
  return defaults
    .filter((rule) => rule.appliesWhen?.(config) ?? true)
    .filter((rule) => !isOnThisMachine(config[rule.server]) && rule.isPublished(config[rule.setting]))
    .map((rule) => rule.setting);
}

/** A schema refinement (`.superRefine(...)`) that refuses each published default away from loopback. */
export function refusePublishedDefaults(defaults: readonly PublishedDefault[]) {
  return (config: object, ctx: z.RefinementCtx): void => {
    for (const setting of refusedDefaults(defaults, config as Settings)) {
      const server = defaults.find((rule) => rule.setting === setting)?.server ?? setting;
      ctx.addIssue({
        code: 'custom',
        path: [setting],
        message: `expected a credential of your own: the published default is refused when ${server} is not on this machine`,
      });
    }
  };
}
