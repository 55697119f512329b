export type Capability = 'read' | 'create' | 'update';

/** A path rule as Vault writes it: an exact path, or a prefix ending in `*`. */
export interface PolicyRule {
  path: string;
  capabilities: readonly Capability[];
}

export interface Policy {
  name: string;
  rules: readonly PolicyRule[];
}

/** True when some rule of `policy` grants `capability` on `path`; anything else is denied. */
export function allows(policy: Policy, path: string, capability: Capability): boolean {
  return policy.rules.some((rule) => matches(rule.path, path) && rule.capabilities.includes(capability));
}

function matches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
