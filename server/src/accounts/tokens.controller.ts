import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiToken, CreatedApiToken } from '#shared/auth';
import { Access } from '../auth/access.decorator';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { AccountsService } from './accounts.service';
import { CreateTokenDto } from './dto/create-token.dto';
import { IdParams } from './dto/id-params';
import { WriteRoutes } from '../common/write-routes.decorator';
import { wireArray, wireRef } from '../openapi/wire-schema';

/** API tokens for feed systems; the secret is in the answer to POST and nowhere else, ever. */
@ApiTags('tokens')
@WriteRoutes()
@Controller('tokens')
@Access('admin')
export class TokensController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'All API tokens, revoked ones too (never their secrets)' })
  @ApiOkResponse({ schema: wireArray('ApiToken') })
  list(): Promise<ApiToken[]> {
    return this.accounts.listTokens();
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API token for a feed system',
    description: 'The answer is the only place the secret (`token`) is ever shown; it is stored hashed.',
  })
  @ApiCreatedResponse({ schema: wireRef('CreatedApiToken') })
  create(@Body() body: CreateTokenDto): Promise<CreatedApiToken> {
    return this.accounts.createToken(body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrorResponse(404, '`not_found`: no such token')
  revoke(@Param() { id }: IdParams): Promise<void> {
    return this.accounts.revokeToken(id);
  }
}
