import { CreateChaosSchema1763800000000 } from './1763800000000-create-chaos-schema';

/** In the order they run. */
export const chaosMigrations = [CreateChaosSchema1763800000000];
