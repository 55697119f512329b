import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { RefundsHttpController } from './refunds.http.controller';
import { RefundsService } from './refunds.service';

@Module({ imports: [IdempotencyModule], controllers: [RefundsHttpController], providers: [RefundsService] })
export class RefundsModule {}
