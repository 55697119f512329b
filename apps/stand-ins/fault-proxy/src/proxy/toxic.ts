import { z } from 'zod';

/**
 * The toxics this proxy implements, with Toxiproxy's names and attributes, so the official
 * client (and the real Toxiproxy in compose) accept the same requests.
 *   latency     delays every chunk by `latency` ms (± `jitter`)
 *   timeout     holds all data; closes the connection after `timeout` ms (0: holds until removed)
 *   reset_peer  resets the connection (TCP RST) after `timeout` ms
 */
const latency = z.object({ latency: z.number().int().min(0).max(600_000), jitter: z.number().int().min(0).default(0) });
const timeout = z.object({ timeout: z.number().int().min(0).max(600_000).default(0) });

const ATTRIBUTES = { latency, timeout, reset_peer: timeout } as const;
export type ToxicType = keyof typeof ATTRIBUTES;
export const TOXIC_TYPES = Object.keys(ATTRIBUTES) as ToxicType[];

export type StreamDirection = 'upstream' | 'downstream';

export interface Toxic {
  readonly name: string;
  readonly type: ToxicType;
  /** upstream: client → server; downstream: server → client (Toxiproxy's default). */
  readonly stream: StreamDirection;
  /** The share of connections it affects, 0..1. */
  readonly toxicity: number;
  readonly attributes: { latency?: number; jitter?: number; timeout?: number };
}

const toxicBody = z.object({
  name: z.string().min(1).max(100).optional(),
  type: z.enum(TOXIC_TYPES as [ToxicType, ...ToxicType[]], { error: `type must be one of ${TOXIC_TYPES.join(', ')}` }),
  stream: z.enum(['upstream', 'downstream']).default('downstream'),
  toxicity: z.number().min(0).max(1).default(1),
  attributes: z.record(z.string(), z.unknown()).default({}),
});

/** A toxic from an API body; throws a zod error (→ 400) on anything Toxiproxy would refuse. */
export function parseToxic(body: unknown): Toxic {
  const parsed = toxicBody.parse(body);
  const attributes = ATTRIBUTES[parsed.type].parse(parsed.attributes);
  return {
    name: parsed.name ?? `${parsed.type}_${parsed.stream}`,
    type: parsed.type,
    stream: parsed.stream,
    toxicity: parsed.toxicity,
    attributes,
  };
}

/** A toxic's new attributes (and optionally toxicity), keeping its name, type and stream. */
export function updateToxic(current: Toxic, body: unknown): Toxic {
  const parsed = z.object({ toxicity: z.number().min(0).max(1).optional(), attributes: z.record(z.string(), z.unknown()).default({}) }).parse(body);
  const attributes = ATTRIBUTES[current.type].parse({ ...current.attributes, ...parsed.attributes });
  return { ...current, toxicity: parsed.toxicity ?? current.toxicity, attributes };
}
