/** DI token of the validated configuration. */
export const VAULT_CONFIG = Symbol('VAULT_CONFIG');
