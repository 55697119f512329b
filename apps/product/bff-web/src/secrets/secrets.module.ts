import { Module } from '@nestjs/common';
import { SecretsHttpController } from './secrets.http.controller';
import { SecretsViewService } from './secrets-view.service';

/** The health page's view of each service's database login and its rotation, without a secret in it. */
@Module({
  controllers: [SecretsHttpController],
  providers: [SecretsViewService],
})
export class SecretsModule {}
