import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { TokensController } from './tokens.controller';
import { UsersController } from './users.controller';
import { WriteEdgeModule } from '../common/write-edge.module';
import { StoreModule } from '../store/store.module';
import { AdminTokenService } from '../auth/admin-token.service';

/** Users, API tokens and the bootstrap admin token: who may sign in or call the API, and with what rights. */
@Module({
  imports: [StoreModule, WriteEdgeModule],
  controllers: [UsersController, TokensController],
  providers: [AdminTokenService, AccountsService],
  exports: [AdminTokenService, AccountsService],
})
export class AccountsModule {}
