import { CreatePspSandboxSchema1763700000000 } from './1763700000000-create-psp-schema';

/** In the order they run. */
export const pspMigrations = [CreatePspSandboxSchema1763700000000];
