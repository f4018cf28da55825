import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { SessionService } from './session.service';
import { WriteThrottlerGuard } from './write-throttler.guard';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { AccountsModule } from '../accounts/accounts.module';

/** Guards run in this order: who is calling (AuthGuard), then how often (WriteThrottlerGuard). */
@Module({
  imports: [AccountsModule, StoreModule, WriteEdgeModule],
  controllers: [AuthController],
  providers: [SessionService, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: WriteThrottlerGuard }],
  exports: [SessionService],
})
export class AuthModule {}
