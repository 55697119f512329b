import { AppError, NotFoundError } from '@checkout/platform';
import { Controller, Get, HttpStatus, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

/** Source files a "View source" link may show: code and docs of this repository only. */
const SOURCE_PATH = /^(apps|libs|docs)\/[A-Za-z0-9._\-/]+\.(ts|md|mjs|js|json)$/;

/**
 * The web UI's pages (one HTML shell; the routes are drawn client-side) and, when no external
 * repository URL is configured, this repository's own source files as plain text.
 */
// Pages and source files for people, not operations of the public API.
@ApiExcludeController()
@Controller()
@SkipThrottle()
export class WebUiHttpController {
  private readonly index: string;

  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {
    this.index = join(config.REPO_ROOT, 'dist/apps/web/index.html');
  }

  @Get(['/', 'architecture', 'health', 'chaos', 'ops', 'articles', 'articles/:slug'])
  page(@Res() response: Response) {
    if (!existsSync(this.index)) {
      throw new AppError('WEB.NOT_BUILT', 'The web UI has not been built (npx nx build web)', HttpStatus.SERVICE_UNAVAILABLE);
    }
    response.sendFile(this.index);
  }

  @Get('source/*path')
  source(@Param('path') path: string | string[], @Res() response: Response) {
    const relative = normalize(Array.isArray(path) ? path.join('/') : path);
    if (!SOURCE_PATH.test(relative) || relative.split(sep).includes('..')) {
      throw new NotFoundError('SOURCE.NOT_FOUND', 'No such source file');
    }
    const file = join(this.config.REPO_ROOT, relative);
    if (!existsSync(file)) throw new NotFoundError('SOURCE.NOT_FOUND', 'No such source file');
    response.type('text/plain; charset=utf-8').sendFile(file);
  }
}
