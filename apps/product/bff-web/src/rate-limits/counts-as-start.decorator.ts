import { ExecutionContext, SetMetadata } from '@nestjs/common';

const COUNTS_AS_START = 'edge:counts-as-start';

/** Marks a route that starts a checkout: it also counts against the stricter "starts" limit. */
export const CountsAsStart = () => SetMetadata(COUNTS_AS_START, true);

export function countsAsStart(context: ExecutionContext): boolean {
  return Reflect.getMetadata(COUNTS_AS_START, context.getHandler()) === true;
}
