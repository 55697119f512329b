/**
 * A message (or a message definition) does not honour its contract. `reasons` names each bad
 * field by its path and says what was expected, so a dead-lettered message explains itself.
 */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT.VIOLATION';
  readonly reasons: readonly string[];
  /** The message type concerned, when it is known. */
  readonly messageType: string | null;

  constructor(reasons: readonly string[], messageType: string | null = null) {
    const subject = messageType === null ? 'message' : `"${messageType}" message`;
    super(`The ${subject} violates its contract: ${reasons.join('; ')}`);
    this.name = 'ContractViolationError';
    this.reasons = Object.freeze([...reasons]);
    this.messageType = messageType;
  }
}
