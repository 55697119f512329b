import { applyDecorators, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { OperatorTokenGuard } from './operator-token.guard';

const OPERATOR_ACTION = 'edge:operator-action';

/**
 * A console route that needs the operator token. It also counts against the stricter
 * "operator" rate limit (see RateLimitsModule), which bounds how fast a token can be guessed.
 */
export const OperatorAction = () => applyDecorators(UseGuards(OperatorTokenGuard), SetMetadata(OPERATOR_ACTION, true));

export function isOperatorAction(context: ExecutionContext): boolean {
  return Reflect.getMetadata(OPERATOR_ACTION, context.getHandler()) === true;
}
