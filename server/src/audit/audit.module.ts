import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** The audit log of board changes: who changed what, when, and what it was before (read-only; changes write it). */
@Module({ controllers: [AuditController] })
export class AuditModule {}
