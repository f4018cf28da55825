import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminTokenService } from './admin-token.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { SessionService } from './session.service';
import { WriteThrottlerGuard } from './write-throttler.guard';
import { WriteEdgeModule } from '../common/write-edge.module';

/** Guards run in this order: who is calling (AuthGuard), then how often (WriteThrottlerGuard). */
@Global()
@Module({
  imports: [WriteEdgeModule],
  controllers: [AuthController],
  providers: [
    AdminTokenService,
    SessionService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: WriteThrottlerGuard },
  ],
  exports: [AdminTokenService, SessionService],
})
export class AuthModule {}
