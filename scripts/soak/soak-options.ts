import { parseArgs } from 'node:util';
import { z } from 'zod';

const Options = z.object({
  seed: z.coerce.number().int().min(0),
  checkouts: z.coerce.number().int().min(1).max(1_000_000),
  faults: z.coerce.number().int().min(0).max(1_000),
  /** Checkouts started per second (open loop). */
  rate: z.coerce.number().positive().max(1_000).default(20),
  /** Every checkout must end within this long after the last fault. */
  settleSeconds: z.coerce.number().int().min(1).default(120),
  /** Checkouts touched this recently are in flight (the agent's live load may still be running). */
  quietMs: z.coerce.number().int().min(0).default(10_000),
  dryRun: z.boolean().default(false),
});

const Environment = z.object({
  CHAOS_AGENT_URL: z.url().default('http://127.0.0.1:3005'),
  ORCHESTRATOR_URL: z.url().default('http://127.0.0.1:3001'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//).default('amqp://guest:guest@127.0.0.1:5672'),
  AUDIT_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).default('postgres://chaos_audit:chaos_audit@127.0.0.1:5432/checkout_cluster'),
});

export type SoakOptions = z.output<typeof Options> & z.output<typeof Environment>;

/** `--seed 42 --checkouts 5000 --faults 60 [--rate 20] [--settle-seconds 120] [--dry-run]`, validated once. */
export function soakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      checkouts: { type: 'string' },
      faults: { type: 'string' },
      rate: { type: 'string' },
      'settle-seconds': { type: 'string' },
      'quiet-ms': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const options = Options.parse({
    seed: values.seed,
    checkouts: values.checkouts,
    faults: values.faults,
    rate: values.rate,
    settleSeconds: values['settle-seconds'],
    quietMs: values['quiet-ms'],
    dryRun: values['dry-run'],
  });
  const environment = Environment.parse({
    CHAOS_AGENT_URL: env.CHAOS_AGENT_URL || undefined,
    ORCHESTRATOR_URL: env.ORCHESTRATOR_URL || undefined,
    AMQP_URL: env.AMQP_URL || undefined,
    AUDIT_DATABASE_URL: env.AUDIT_DATABASE_URL || undefined,
  });
  return { ...options, ...environment };
}
