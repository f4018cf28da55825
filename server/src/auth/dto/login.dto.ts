import type { LoginBody } from '#shared/auth';
import { IsText } from '../../common/is-text';

export class LoginDto implements LoginBody {
  @IsText(1, 64)
  username!: string;

  @IsText(1, 200, { secret: true })
  password!: string;
}
