import { z } from 'zod';

/**
 * The edge's word on who asks: present for an anonymous visitor (the visitor rules and budget
 * apply), absent for an operator (OPS_TOKEN at the edge) or the cluster's own tools (the soak).
 * Only the edge reaches this API, on loopback.
 */
const Visitor = z.strictObject({
  /** A digest of the visitor's address (never the address): their allowance is counted by it. */
  client: z.string().regex(/^[0-9a-f]{16,64}$/),
});

/** POST /experiments: shape only; what the values may be (and when they may be left out) is the catalogue's business. */
export const StartExperimentRequest = z.strictObject({
  kind: z.string().min(1).max(64),
  target: z.string().min(1).max(64).optional(),
  seconds: z.number().int().optional(),
  visitor: Visitor.optional(),
});
export type StartExperimentRequest = z.output<typeof StartExperimentRequest>;

/** POST /halt: a visitor must show the halt token their start returned; an operator halts whatever runs. */
export const HaltRequest = z.strictObject({
  visitor: z.strictObject({ haltToken: z.string().max(128).optional() }).optional(),
});
export type HaltRequest = z.output<typeof HaltRequest>;

/** GET /budget?client=…: the budget as that visitor sees it. */
export const BudgetQuery = z.strictObject({ client: Visitor.shape.client.optional() });
