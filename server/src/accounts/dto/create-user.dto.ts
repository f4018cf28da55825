import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches, MinLength, ValidateIf } from 'class-validator';
import type { CreateUserBody, Role } from '#shared/auth';
import { IsText } from '../../common/is-text';
import { STATION_ID } from '../../common/station-params';

const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export class CreateUserDto implements CreateUserBody {
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: 'username must be 2-64 characters: lowercase letters, digits, ".", "_", "-"' })
  username!: string;

  @IsText(12, 200, { secret: true, message: 'password must be 12 to 200 characters' })
  @MinLength(12)
  password!: string;

  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(STATION_ID, { each: true, message: 'each value in stations must be a station id' })
  stations?: string[] | null;
}
