import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { ApiToken, CreatedApiToken } from '#shared/auth';
import { Access } from '../auth/access.decorator';
import { AccountsService } from './accounts.service';
import { CreateTokenDto } from './dto/create-token.dto';
import { IdParams } from './dto/id-params';

/** API tokens for feed systems; the secret is in the answer to POST and nowhere else, ever. */
@Controller('tokens')
@Access('admin')
export class TokensController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  list(): Promise<ApiToken[]> {
    return this.accounts.listTokens();
  }

  @Post()
  create(@Body() body: CreateTokenDto): Promise<CreatedApiToken> {
    return this.accounts.createToken(body);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param() { id }: IdParams): Promise<void> {
    return this.accounts.revokeToken(id);
  }
}
