import { AppError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

type ChaosCode =
  | 'CHAOS.UNKNOWN_KIND'
  | 'CHAOS.BAD_TARGET'
  | 'CHAOS.BAD_DURATION'
  | 'CHAOS.NOT_ALLOWED'
  | 'CHAOS.OPERATOR_ONLY'
  | 'CHAOS.NOT_YOURS'
  | 'CHAOS.BUSY'
  | 'CHAOS.COOLING_DOWN'
  | 'CHAOS.HOURLY_BUDGET_SPENT'
  | 'CHAOS.CLIENT_BUDGET_SPENT'
  | 'CHAOS.NOT_FOUND'
  | 'CHAOS.FAULT_FAILED';

const STATUS: Record<ChaosCode, HttpStatus> = {
  'CHAOS.UNKNOWN_KIND': HttpStatus.BAD_REQUEST,
  'CHAOS.BAD_TARGET': HttpStatus.BAD_REQUEST,
  'CHAOS.BAD_DURATION': HttpStatus.BAD_REQUEST,
  'CHAOS.NOT_ALLOWED': HttpStatus.BAD_REQUEST,
  'CHAOS.OPERATOR_ONLY': HttpStatus.FORBIDDEN,
  'CHAOS.NOT_YOURS': HttpStatus.FORBIDDEN,
  // The shared budget's refusals: all "not now", each with when (Retry-After).
  'CHAOS.BUSY': HttpStatus.TOO_MANY_REQUESTS,
  'CHAOS.COOLING_DOWN': HttpStatus.TOO_MANY_REQUESTS,
  'CHAOS.HOURLY_BUDGET_SPENT': HttpStatus.TOO_MANY_REQUESTS,
  'CHAOS.CLIENT_BUDGET_SPENT': HttpStatus.TOO_MANY_REQUESTS,
  'CHAOS.NOT_FOUND': HttpStatus.NOT_FOUND,
  'CHAOS.FAULT_FAILED': HttpStatus.SERVICE_UNAVAILABLE,
};

/** Every refusal the agent gives, with a code the edge passes on and a message a visitor can act on. */
export class ChaosError extends AppError {
  constructor(code: ChaosCode, message: string, retryAfterSeconds?: number) {
    super(code, message, STATUS[code], undefined, retryAfterSeconds);
  }
}

export type { ChaosCode };
