import { Controller, Get } from '@nestjs/common';

/** `GET /v1/sys/health`, unauthenticated as in Vault: the stand-in is never sealed. */
@Controller('v1/sys')
export class SysHealthHttpController {
  @Get('health')
  health() {
    return { initialized: true, sealed: false, standby: false, version: 'vault-sandbox' };
  }
}
