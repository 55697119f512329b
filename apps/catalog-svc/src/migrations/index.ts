import { CreateCatalogSchema1763700000000 } from './1763700000000-create-catalog-schema';

/** In the order they run. */
export const catalogMigrations = [CreateCatalogSchema1763700000000];
