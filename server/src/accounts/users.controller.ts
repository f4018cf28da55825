import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { User } from '#shared/auth';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { AccountsService } from './accounts.service';
import { CreateUserDto } from './dto/create-user.dto';
import { IdParams } from './dto/id-params';
import { WriteRoutes } from '../common/write-routes.decorator';
import { wireArray, wireRef } from '../openapi/wire-schema';

@ApiTags('users')
@WriteRoutes()
@Controller('users')
@Access('admin')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'All console accounts' })
  @ApiOkResponse({ schema: wireArray('User') })
  list(): Promise<User[]> {
    return this.accounts.listUsers();
  }

  @Post()
  @ApiOperation({ summary: 'Create a console account' })
  @ApiCreatedResponse({ schema: wireRef('User') })
  @ApiErrorResponse(409, '`conflict`: a user with this username exists')
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.accounts.createUser(body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a console account' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponse(404, '`not_found`: no such user')
  @ApiErrorResponse(409, '`conflict`: you cannot delete your own account')
  remove(@Param() { id }: IdParams, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.accounts.deleteUser(id, req.principal!);
  }
}
