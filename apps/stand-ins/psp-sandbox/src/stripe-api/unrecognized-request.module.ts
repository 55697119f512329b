import { Module } from '@nestjs/common';
import { UnrecognizedRequestController } from './unrecognized-request.controller';

/** Import it last: its catch-all route must be registered after every real /v1 route. */
@Module({ controllers: [UnrecognizedRequestController] })
export class UnrecognizedRequestModule {}
