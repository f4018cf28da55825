import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { StoreModule } from '../store/store.module';

/** The audit log of board changes: who changed what, when, and what it was before (read-only; changes write it). */
@Module({ imports: [StoreModule], controllers: [AuditController] })
export class AuditModule {}
