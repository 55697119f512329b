import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom, ApiQueryFrom, validate } from '@checkout/platform';
import { z } from 'zod';
import { DeadLetterService } from './dead-letter.service';

const ReplayRequest = z.strictObject({ messageId: z.uuid().optional() });
const ListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional() });

/**
 * Operator endpoints, on each service's internal port (never exposed by the public edge):
 *   GET  /ops/dead-letters            what failed for good, and why
 *   POST /ops/dead-letters/replay     { messageId } replays one; {} replays all
 */
@ApiTags('operator')
@Controller('ops/dead-letters')
export class DeadLetterController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @ApiQueryFrom(ListQuery)
  async list(@Query() query: unknown) {
    const { limit } = validate(ListQuery, query);
    return { counts: await this.deadLetters.counts(), messages: await this.deadLetters.list(limit) };
  }

  @Post('replay')
  @HttpCode(200)
  @ApiBodyFrom(ReplayRequest, 'A messageId replays that message; an empty body replays them all')
  async replay(@Body() body: unknown) {
    const { messageId } = validate(ReplayRequest, body ?? {});
    return { replayed: await this.deadLetters.replay(messageId) };
  }
}
