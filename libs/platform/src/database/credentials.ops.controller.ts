import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppError } from '../errors/app-error';
import { DatabaseService } from './database.service';

/**
 * Operator endpoints on the service's internal port: the state of its database lease, and
 * "rotate now" (what the chaos page's rotate-credentials experiment calls on every service).
 */
@ApiTags('operator')
@Controller('ops/credentials')
export class CredentialsOpsController {
  constructor(private readonly database: DatabaseService) {}

  /** The lease (role, time left, rotations) and the logins of this service's open connections. */
  @Get()
  async status() {
    const keeper = this.database.credentials;
    const sessions: { username: string; connections: number }[] = await this.database.dataSource.query(
        `SELECT usename AS username, count(*)::int AS connections FROM pg_stat_activity
          WHERE application_name = $1 AND datname = current_database() GROUP BY usename ORDER BY usename`,
        [new URL(this.database.url).searchParams.get('application_name')],
      );
    return { provider: keeper ? 'vault' : 'env', lease: keeper?.status() ?? null, sessions };
  }

  /** Takes a new lease and moves to it; answers once new work uses the new login. */
  @Post('rotate')
  @HttpCode(HttpStatus.OK)
  async rotate() {
    const keeper = this.database.credentials;
    if (!keeper) {
      throw new AppError('SECRETS.STATIC', 'Credentials come from the environment (SECRETS_PROVIDER=env); nothing to rotate', HttpStatus.CONFLICT);
    }
    await keeper.rotateNow();
    return keeper.status();
  }
}
