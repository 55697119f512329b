import { Controller, Get } from '@nestjs/common';
import { SecretsViewService } from './secrets-view.service';

/**
 * GET /api/secrets — the health page's secrets panel: each service's database login, its
 * lease's time left, its last rotation and the logins its connections use. Read-only, and
 * nothing secret in it (see SecretsViewService).
 */
@Controller('api/secrets')
export class SecretsHttpController {
  constructor(private readonly secrets: SecretsViewService) {}

  @Get()
  view() {
    return this.secrets.view();
  }
}
