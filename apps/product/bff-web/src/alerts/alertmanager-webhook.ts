import { z } from 'zod';

/**
 * What Alertmanager's webhook receiver posts (payload version 4): the alerts of one group, each
 * with its current status. Only the fields the console shows are read; the rest is ignored.
 */
export const AlertmanagerWebhook = z.object({
  version: z.literal('4'),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()).refine((labels) => typeof labels.alertname === 'string', 'expected an alertname label'),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: z.iso.datetime({ offset: true }),
        // Alertmanager sends 0001-01-01T00:00:00Z for "not ended": read as a plain string.
        endsAt: z.string().default(''),
        fingerprint: z.string().min(1).max(64),
      }),
    )
    .max(1000),
});

export type AlertmanagerWebhook = z.output<typeof AlertmanagerWebhook>;
export type ReceivedAlert = AlertmanagerWebhook['alerts'][number];
