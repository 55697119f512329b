import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DatabaseUnavailableError } from './database-unavailable';
import { DatabaseService } from './database.service';

const NEEDS_NO_DATABASE = 'platform:needs-no-database';

/** Marks a controller (health, metrics) that answers while the database is still away. */
export const NeedsNoDatabase = () => SetMetadata(NEEDS_NO_DATABASE, true);

/**
 * A service starts listening before its DataSource is initialised (see DatabaseService). In
 * that window TypeORM fails in ways that say nothing useful (`EntityMetadataNotFoundError`,
 * "Driver not Connected"); this answers every request that needs the database with a plain 503
 * and `Retry-After` instead, before any handler runs.
 */
@Injectable()
export class DatabaseReadyGuard implements CanActivate {
  constructor(
    private readonly database: DatabaseService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(NEEDS_NO_DATABASE, [context.getHandler(), context.getClass()])) return true;
    if (!this.database.dataSource.isInitialized) throw new DatabaseUnavailableError();
    return true;
  }
}
