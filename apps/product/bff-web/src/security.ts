import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { join } from 'node:path';
import type { BffConfig } from './config';

/**
 * The public edge's HTTP hardening: security headers with a strict content security policy
 * (everything is served from here; nothing loads from elsewhere), and the built web UI's
 * assets served as static files.
 *
 * `X-Forwarded-For` is believed only from the proxies named in TRUSTED_PROXIES: from anyone
 * else it is a header the client wrote, and believing it would let one client pose as many
 * and walk past every per-client limit.
 */
export function configureEdge(app: INestApplication, config: BffConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  express.useStaticAssets(join(config.REPO_ROOT, 'dist/apps/web/assets'), { prefix: '/assets/', index: false, maxAge: '1h' });
}
