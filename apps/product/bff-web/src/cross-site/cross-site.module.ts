import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SameOriginGuard } from './same-origin.guard';

/** Cross-site request forgery refused on every route (SameOriginGuard, a global guard). */
@Module({
  providers: [{ provide: APP_GUARD, useClass: SameOriginGuard }],
})
export class CrossSiteModule {}
