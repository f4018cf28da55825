import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminTokenService } from './admin-token.service';
import { WriteAuthGuard } from './write-auth.guard';

@Global()
@Module({
  providers: [AdminTokenService, { provide: APP_GUARD, useClass: WriteAuthGuard }],
  exports: [AdminTokenService],
})
export class AuthModule {}
