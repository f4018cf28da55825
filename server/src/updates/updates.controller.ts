import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { BatchReport } from '#shared/api';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { BatchService } from './batch.service';
import { BatchDto } from './dto/batch.dto';

/** Batch updates for feeds: 200 with a per-item report, also when some items were rejected. */
@Controller('updates')
export class UpdatesController {
  constructor(private readonly batches: BatchService) {}

  @Post()
  @Access('signed-in')
  @HttpCode(200)
  apply(@Body() body: BatchDto, @Req() req: AuthenticatedRequest): Promise<BatchReport> {
    return this.batches.apply(body, req.principal!);
  }
}
