import { AppError } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';

type ChaosCode =
  | 'CHAOS.UNKNOWN_KIND'
  | 'CHAOS.BAD_TARGET'
  | 'CHAOS.BAD_DURATION'
  | 'CHAOS.NOT_ALLOWED'
  | 'CHAOS.BUSY'
  | 'CHAOS.NOT_FOUND'
  | 'CHAOS.FAULT_FAILED';

const STATUS: Record<ChaosCode, HttpStatus> = {
  'CHAOS.UNKNOWN_KIND': HttpStatus.BAD_REQUEST,
  'CHAOS.BAD_TARGET': HttpStatus.BAD_REQUEST,
  'CHAOS.BAD_DURATION': HttpStatus.BAD_REQUEST,
  'CHAOS.NOT_ALLOWED': HttpStatus.BAD_REQUEST,
  'CHAOS.BUSY': HttpStatus.CONFLICT,
  'CHAOS.NOT_FOUND': HttpStatus.NOT_FOUND,
  'CHAOS.FAULT_FAILED': HttpStatus.SERVICE_UNAVAILABLE,
};

/** Every refusal the agent gives, with a code the edge passes on and a message a visitor can act on. */
export class ChaosError extends AppError {
  constructor(code: ChaosCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
