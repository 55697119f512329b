import { z } from 'zod';

/** POST /experiments: shape only; what the values may be (and when they may be left out) is the catalogue's business. */
export const StartExperimentRequest = z.strictObject({
  kind: z.string().min(1).max(64),
  target: z.string().min(1).max(64).optional(),
  seconds: z.number().int().optional(),
});
export type StartExperimentRequest = z.output<typeof StartExperimentRequest>;
