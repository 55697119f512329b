import { HttpStatus } from '@nestjs/common';

/**
 * An error in Vault's own shape: the status Vault would send and `{ "errors": [message] }`.
 * Clients (node-vault among them) read `errors[0]`, so the message is the whole contract.
 */
export class VaultApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    message: string,
  ) {
    super(message);
    this.name = 'VaultApiError';
  }

  static permissionDenied(): VaultApiError {
    return new VaultApiError(HttpStatus.FORBIDDEN, 'permission denied');
  }
}
