import type { Role, User } from '#shared/auth';
import type { Instant } from '../../common/dto/instant';

export class UserDto implements User {
  /** @example "usr-3f9a0c1b2d4e" */
  id!: string;
  username!: string;
  role!: Role;
  /** Station ids the user may change; `null` means every station. */
  stations!: string[] | null;
  createdAt!: Instant;
}
