import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { User } from '#shared/auth';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AccountsService } from './accounts.service';
import { CreateUserDto } from './dto/create-user.dto';
import { IdParams } from './dto/id-params';

@Controller('users')
@Access('admin')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  list(): Promise<User[]> {
    return this.accounts.listUsers();
  }

  @Post()
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.accounts.createUser(body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param() { id }: IdParams, @Req() req: AuthenticatedRequest): Promise<void> {
    return this.accounts.deleteUser(id, req.principal!);
  }
}
