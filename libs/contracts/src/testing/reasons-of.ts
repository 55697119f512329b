import { ContractViolationError } from '../errors/contract-violation.error';

/** The reasons of the ContractViolationError `act` throws; fails the test if it throws none. */
export function reasonsOf(act: () => unknown): readonly string[] {
  try {
    act();
  } catch (error) {
    if (error instanceof ContractViolationError) return error.reasons;
    throw error;
  }
  throw new Error('expected a ContractViolationError, but nothing was thrown');
}
