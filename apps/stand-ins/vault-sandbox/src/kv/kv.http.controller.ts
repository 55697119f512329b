import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Put, UseFilters } from '@nestjs/common';
import { z } from 'zod';
import { VaultTokens } from '../auth/vault-tokens';
import { VaultApiError } from '../http/vault-api.error';
import { VaultApiFilter } from '../http/vault-api.filter';
import { vaultResponse } from '../http/vault-response';
import { KvVersion } from './kv-version.entity';
import { KvService } from './kv.service';

const WriteBody = z.object({ data: z.record(z.string(), z.string()) });

/** KV v2 on the `secret/` mount: `GET|POST|PUT /v1/secret/data/:path`. */
@Controller('v1/secret/data')
@UseFilters(VaultApiFilter)
export class KvHttpController {
  constructor(
    private readonly kv: KvService,
    private readonly tokens: VaultTokens,
  ) {}

  @Get(':path')
  async read(@Headers('x-vault-token') token: string | undefined, @Param('path') path: string) {
    this.tokens.authorize(token, `secret/data/${path}`, 'read');
    const version = await this.kv.read(path);
    return vaultResponse({ data: { data: version.data, metadata: metadata(version) } });
  }

  /** Rotating a provider secret is a write of a new version; only a token allowed to update may. */
  @Post(':path')
  @Put(':path')
  @HttpCode(HttpStatus.OK)
  async write(@Headers('x-vault-token') token: string | undefined, @Param('path') path: string, @Body() body: unknown) {
    this.tokens.authorize(token, `secret/data/${path}`, 'update');
    const parsed = WriteBody.safeParse(body ?? {});
    if (!parsed.success) throw new VaultApiError(HttpStatus.BAD_REQUEST, 'no data provided');
    return vaultResponse({ data: metadata(await this.kv.write(path, parsed.data.data)) });
  }
}

function metadata(version: KvVersion) {
  return { created_time: version.createdAt.toISOString(), deletion_time: '', destroyed: false, version: version.version };
}
