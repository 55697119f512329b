import { AppError, DatabaseService } from '@checkout/platform';
import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';

export class CatalogUnavailableError extends AppError {
  constructor() {
    super('CATALOG.UNAVAILABLE', 'The catalog is still connecting to its database; try again shortly', HttpStatus.SERVICE_UNAVAILABLE);
  }
}

/**
 * The service starts before Postgres answers (its health says so meanwhile). A request that
 * arrives in that window gets a 503 it can retry, not a 500 from an uninitialised driver.
 */
export function connectedDataSource(database: DatabaseService): DataSource {
  if (!database.dataSource.isInitialized) throw new CatalogUnavailableError();
  return database.dataSource;
}
