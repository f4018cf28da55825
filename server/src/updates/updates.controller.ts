import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BatchReport } from '#shared/api';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { RequestBody } from '../common/request-body.decorator';
import { BatchService } from './batch.service';
import { BatchDto, MAX_BATCH } from './dto/batch.dto';
import { BATCH_EXAMPLES } from './dto/batch.examples';
import { WriteRoutes } from '../common/write-routes.decorator';
import { Write } from '../common/write-context.decorator';
import type { WriteContext } from '../board-core/write-context';
import { wireRef } from '../openapi/wire-schema';

/** Batch updates for feeds: 200 with a per-item report, also when some items were rejected. */
@ApiTags('updates')
@WriteRoutes()
@Controller('updates')
export class UpdatesController {
  constructor(private readonly batches: BatchService) {}

  @Post()
  @Access('signed-in')
  @RequestBody({ kind: 'json', limit: 'batch' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a batch of updates to any stations',
    description:
      `Up to ${MAX_BATCH} updates, applied in order. Each is validated and authorized on its own, as its single-item route would be ` +
      "(so a token needs the permission for each update's kind and station); the valid ones are stored in one transaction, " +
      'and every update gets a result. One bad update rejects only itself.',
  })
  @ApiBody({ type: BatchDto, examples: BATCH_EXAMPLES })
  @ApiOkResponse({ schema: wireRef('BatchReport'), description: 'A result per update, also when some were rejected' })
  apply(@Write() write: WriteContext, @Body() body: BatchDto, @Req() req: AuthenticatedRequest): Promise<BatchReport> {
    return this.batches.apply(write, body, req.principal!);
  }
}
