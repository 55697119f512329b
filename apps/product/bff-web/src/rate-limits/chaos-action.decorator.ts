import { ExecutionContext, SetMetadata } from '@nestjs/common';

const CHAOS_ACTION = 'edge:chaos-action';

/**
 * A chaos route that changes something (start, halt): it counts against the "chaos" limit,
 * which, like the operator's, is never waived when the counters are away (see CounterStorage).
 */
export const ChaosAction = () => SetMetadata(CHAOS_ACTION, true);

export function isChaosAction(context: ExecutionContext): boolean {
  return Reflect.getMetadata(CHAOS_ACTION, context.getHandler()) === true;
}
