import { AppError } from '@checkout/platform';
import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { operatorAccess } from './operator-token';

/**
 * Lets a console action through only with the operator token (OPS_TOKEN). It runs after the
 * global guards, so an action has already passed the same-origin and JSON rules and the rate
 * limits: a guesser spends their request budget on each try.
 */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const access = operatorAccess(this.config.OPS_TOKEN, http.getRequest<Request>().get('authorization'));
    switch (access) {
      case 'granted':
        return true;
      case 'missing':
        http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="ops"');
        throw new AppError('OPS.TOKEN_REQUIRED', 'This action needs the operator token (Authorization: Bearer …)', HttpStatus.UNAUTHORIZED);
      case 'wrong':
        throw new AppError('OPS.TOKEN_REFUSED', 'The operator token is not valid', HttpStatus.FORBIDDEN);
      case 'disabled':
        throw new AppError('OPS.ACTIONS_DISABLED', 'Operator actions are disabled on this edge (no OPS_TOKEN is set)', HttpStatus.FORBIDDEN);
    }
  }
}
