import { Global, Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { TokensController } from './tokens.controller';
import { UsersController } from './users.controller';
import { WriteEdgeModule } from '../common/write-edge.module';

@Global()
@Module({ imports: [WriteEdgeModule], controllers: [UsersController, TokensController], providers: [AccountsService], exports: [AccountsService] })
export class AccountsModule {}
