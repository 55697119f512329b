/** Injection token for the validated BffConfig. */
export const BFF_CONFIG = Symbol('BFF_CONFIG');
