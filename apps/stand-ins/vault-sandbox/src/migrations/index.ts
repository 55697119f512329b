import { CreateVaultSchema1764000000000 } from './1764000000000-create-vault-schema';

/** In the order they run. */
export const vaultMigrations = [CreateVaultSchema1764000000000];
