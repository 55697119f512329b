import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { OpsCheckoutsService } from './ops-checkouts.service';
import { OpsConsoleHttpController } from './ops-console.http.controller';
import { OpsDeadLettersService } from './ops-dead-letters.service';

/** The operations console's API (/api/ops/*): checkouts by state and dead letters, actions behind the operator token. */
@Module({
  imports: [UpstreamModule],
  controllers: [OpsConsoleHttpController],
  providers: [OpsCheckoutsService, OpsDeadLettersService],
})
export class OpsConsoleModule {}
