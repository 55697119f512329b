import { AppError } from '@checkout/platform';
import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Fetch metadata values a browser sends for a request the page itself made, or the user typed. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Cross-site request forgery, refused before any handler runs. A page elsewhere can make a
 * visitor's browser post a form here (`application/x-www-form-urlencoded`, no preflight); so a
 * state-changing request must be JSON (a cross-site page cannot send that without a CORS
 * preflight, which this edge never grants) and, when the browser says where it comes from
 * (`Origin`, `Sec-Fetch-Site`), come from one of the site's own origins. Non-browser clients
 * send neither header and are not a forgery risk: they are rate-limited like anyone else.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (READ_ONLY_METHODS.has(request.method)) return true;
    const origin = request.get('origin');
    const fetchSite = request.get('sec-fetch-site');
    if (origin !== undefined ? !this.config.PUBLIC_ORIGINS.includes(origin) : fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite)) {
      throw new AppError('REQUEST.CROSS_SITE', 'Requests that change something must come from this site’s own pages', HttpStatus.FORBIDDEN);
    }
    if (carriesContent(request) && !request.is('application/json')) {
      throw new AppError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    return true;
  }
}

/**
 * Whether the request says it has a body. A bodyless action (Halt, say) has nothing to
 * declare, and a browser sends it with `Content-Length: 0` and no type; a form always names
 * its type, so a form from another site still meets the 415 (and the origin check before it).
 */
function carriesContent(request: Request): boolean {
  const length = request.get('content-length');
  return request.get('content-type') !== undefined || request.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}
