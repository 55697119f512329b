import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Put, UseFilters } from '@nestjs/common';
import { z } from 'zod';
import { VaultTokens } from '../auth/vault-tokens';
import { VaultApiError } from '../http/vault-api.error';
import { VaultApiFilter } from '../http/vault-api.filter';
import { vaultResponse } from '../http/vault-response';
import { LeasesService } from './leases.service';

const RenewBody = z.object({ lease_id: z.string().min(1), increment: z.coerce.number().int().positive().optional() });
const RevokeBody = z.object({ lease_id: z.string().min(1) });

/** The database secrets engine and the lease endpoints, with Vault's paths and shapes. */
@Controller('v1')
@UseFilters(VaultApiFilter)
export class LeasesHttpController {
  constructor(
    private readonly leases: LeasesService,
    private readonly tokens: VaultTokens,
  ) {}

  @Get('database/creds/:role')
  async issue(@Headers('x-vault-token') token: string | undefined, @Param('role') role: string) {
    this.tokens.authorize(token, `database/creds/${role}`, 'read');
    const issued = await this.leases.issue(role);
    return vaultResponse({
      lease_id: issued.leaseId,
      renewable: true,
      lease_duration: issued.leaseDurationSeconds,
      data: { username: issued.username, password: issued.password },
    });
  }

  // Vault treats PUT and POST alike on these paths; node-vault sends PUT.
  @Put('sys/leases/renew')
  @Post('sys/leases/renew')
  @HttpCode(HttpStatus.OK)
  async renew(@Headers('x-vault-token') token: string | undefined, @Body() body: unknown) {
    this.tokens.authorize(token, 'sys/leases/renew', 'update');
    const { lease_id, increment } = parse(RenewBody, body);
    const duration = await this.leases.renew(lease_id, increment);
    return vaultResponse({ lease_id, renewable: true, lease_duration: duration, data: null });
  }

  @Put('sys/leases/revoke')
  @Post('sys/leases/revoke')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(@Headers('x-vault-token') token: string | undefined, @Body() body: unknown): Promise<void> {
    this.tokens.authorize(token, 'sys/leases/revoke', 'update');
    await this.leases.revoke(parse(RevokeBody, body).lease_id);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new VaultApiError(HttpStatus.BAD_REQUEST, 'missing or invalid lease_id');
  return result.data;
}
