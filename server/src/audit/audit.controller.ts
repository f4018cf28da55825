import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditLogEntry } from '#shared/auth';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AuditRepository } from './audit.repository';
import { AuditQuery } from './audit-query';
import { wireRef } from '../openapi/wire-schema';

/**
 * Every change, newest first. Each principal sees the stations it may see: admins all of them.
 * Template changes belong to no station: those who see every station see them.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Access('signed-in')
  @ApiOperation({
    summary: 'The audit log, newest first',
    description: 'Each caller sees the stations it may change (admins: all). Page with `before`: the id of the last entry seen.',
  })
  @ApiOkResponse({
    description: 'Board changes at stations, and template changes (`stationId` null)',
    schema: { type: 'array', items: { oneOf: [wireRef('AuditEntry'), wireRef('TemplateAuditEntry')] } },
  })
  list(@Query() query: AuditQuery, @Req() req: AuthenticatedRequest): Promise<AuditLogEntry[]> {
    const principal = req.principal!;
    return this.audit.listAudit({
      ...query,
      stations: principal.permissions.includes('admin') ? null : (principal.stations ?? null),
      limit: query.limit ?? 100,
    });
  }
}
