import { z } from 'zod';

/**
 * Thrown when the environment does not satisfy a service's configuration schema.
 * Its message names every offending variable and what was expected, on one line each.
 */
export class ConfigValidationError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Field builders for the environment schemas, so every service spells a port or a URL alike. */
export const env = {
  port: (fallback: number) => portNumber().default(fallback),
  /** A port with no default: unset means the feature it places is off. */
  optionalPort: () => portNumber().optional(),
  url: (protocols: readonly string[], fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((value) => hasProtocol(value, protocols), {
        message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      }),
  /** A URL with no default: unset means whatever needs it is not done by this process. */
  optionalUrl: (protocols: readonly string[]) =>
    z
      .string()
      .refine((value) => hasProtocol(value, protocols), {
        message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      })
      .optional(),
  /** An address to listen on: an IPv4 or IPv6 literal, or a host name. */
  host: (fallback: string) => listenAddress().default(fallback),
  optionalHost: () => listenAddress().optional(),
  positiveInt: (fallback: number) =>
    z.coerce
      .number({ error: 'expected a positive whole number' })
      .int('expected a positive whole number')
      .positive('expected a positive whole number')
      .default(fallback),
  milliseconds: (fallback: number) =>
    z.coerce
      .number({ error: 'expected a duration in milliseconds (0 or more)' })
      .int('expected a duration in milliseconds (0 or more)')
      .min(0, 'expected a duration in milliseconds (0 or more)')
      .default(fallback),
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  /** `host:port`, e.g. a listener of the fault proxy. */
  optionalHostPort: () =>
    z
      .string()
      .regex(/^[a-zA-Z0-9.-]{1,253}:(?:[1-9][0-9]{0,4})$/, 'expected host:port, e.g. 127.0.0.1:15402')
      .refine((value) => Number(value.split(':')[1]) <= 65535, 'expected host:port, e.g. 127.0.0.1:15402')
      .optional(),
  /** An absolute directory path. */
  optionalDirectory: () => z.string().regex(/^\/[^\0]*$/, 'expected an absolute directory path').optional(),
  logLevel: () =>
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'expected debug, info, warn or error' }).default('info'),
  secret: (fallback: string) => z.string().min(16, 'expected at least 16 characters').default(fallback),
};

function portNumber() {
  return z.coerce
    .number({ error: 'expected a TCP port number (1-65535)' })
    .int('expected a TCP port number (1-65535)')
    .min(1, 'expected a TCP port number (1-65535)')
    .max(65535, 'expected a TCP port number (1-65535)');
}

function listenAddress() {
  return z
    .string()
    .regex(/^(?:[0-9a-fA-F:.]+|[a-zA-Z0-9](?:[a-zA-Z0-9.-]{0,252}))$/, 'expected an address to listen on, e.g. 127.0.0.1 or 0.0.0.0');
}

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Reads a configuration object from environment variables. The schema's keys are the variable
 * names; empty strings count as unset so that `FOO=` falls back to the default.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigValidationError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = input[name] === undefined ? 'unset' : `got "${redact(name, input[name])}"`;
        return `${name}: ${issue.message} (${got})`;
      }),
    );
  }
  return result.data;
}

/** What an error message may repeat of a value: never a secret, a token or a URL's password. */
function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD|KEY|TOKEN/i.test(name)) return '***';
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.password ? url.toString() : value;
  } catch {
    return value;
  }
}
