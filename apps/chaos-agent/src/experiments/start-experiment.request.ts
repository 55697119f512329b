import { z } from 'zod';

/** POST /experiments: shape only; what the values may be is the catalogue's business. */
export const StartExperimentRequest = z.strictObject({
  kind: z.string().min(1).max(64),
  target: z.string().min(1).max(64),
  seconds: z.number().int(),
});
export type StartExperimentRequest = z.output<typeof StartExperimentRequest>;
