import { Controller, Get, Query, Req } from '@nestjs/common';
import type { AuditEntry } from '#shared/auth';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { BoardRepository } from '../store/board.repository';
import { AuditQuery } from './audit-query';

/** Every change, newest first. Each principal sees the stations it may see: admins all of them. */
@Controller('audit')
export class AuditController {
  constructor(private readonly repository: BoardRepository) {}

  @Get()
  @Access('signed-in')
  list(@Query() query: AuditQuery, @Req() req: AuthenticatedRequest): Promise<AuditEntry[]> {
    const principal = req.principal!;
    return this.repository.listAudit({ ...query, stations: principal.permissions.includes('admin') ? null : (principal.stations ?? null), limit: query.limit ?? 100 });
  }
}
