import { Module } from '@nestjs/common';
import { IdempotentRequests } from './idempotent-requests.service';

@Module({ providers: [IdempotentRequests], exports: [IdempotentRequests] })
export class IdempotencyModule {}
