import nx from '@nx/eslint-plugin';

/**
 * The dependency matrix. Tags are only worth having if they forbid something, so every
 * constraint below is one a careless import could break:
 * - a service (type:app) never imports another service, only libraries;
 * - contracts are pure data and import no other project;
 * - libraries never import apps, and lower layers never import higher ones
 *   (platform < messaging < outbox).
 */
const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
  // The load generator is a client of the cluster's public API and events, nothing more.
  { sourceTag: 'type:load-generator', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
  {
    sourceTag: 'type:outbox',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:messaging'],
  },
  // The payment provider's secrets, for the two ends that share them and those that rotate them.
  { sourceTag: 'type:provider-secrets', onlyDependOnLibsWithTags: ['type:platform'] },
  // The audit reads the messaging conventions (dead-letter names) but nothing depends on it except apps.
  { sourceTag: 'type:invariants', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:messaging'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:messaging', 'type:outbox', 'type:invariants', 'type:load-generator', 'type:provider-secrets'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:messaging', 'type:outbox', 'type:invariants', 'type:load-generator', 'type:provider-secrets'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:edge', onlyDependOnLibsWithTags: ['scope:edge', 'scope:shared'] },
  { sourceTag: 'scope:checkout', onlyDependOnLibsWithTags: ['scope:checkout', 'scope:shared'] },
  { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:catalog', 'scope:shared'] },
  { sourceTag: 'scope:payments', onlyDependOnLibsWithTags: ['scope:payments', 'scope:shared'] },
  { sourceTag: 'scope:psp', onlyDependOnLibsWithTags: ['scope:psp', 'scope:shared'] },
  { sourceTag: 'scope:chaos', onlyDependOnLibsWithTags: ['scope:chaos', 'scope:shared'] },
  { sourceTag: 'scope:vault', onlyDependOnLibsWithTags: ['scope:vault', 'scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:e2e', 'scope:shared'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/test-artifacts'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
];
