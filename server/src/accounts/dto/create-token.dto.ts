import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import type { CreateTokenBody, Permission } from '#shared/auth';
import { IsText } from '../../common/is-text';
import { STATION_ID } from '../../common/station-params';

/** A feed token may change boards and stations, never accounts: `admin` is for people. */
const TOKEN_PERMISSIONS: ReadonlyArray<Exclude<Permission, 'admin'>> = ['departures', 'alerts', 'stations'];

export class CreateTokenDto implements CreateTokenBody {
  @IsText(1, 80)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TOKEN_PERMISSIONS, { each: true, message: `each value in permissions must be one of: ${TOKEN_PERMISSIONS.join(', ')}` })
  permissions!: Array<Exclude<Permission, 'admin'>>;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(STATION_ID, { each: true, message: 'each value in stations must be a station id' })
  stations?: string[] | null;
}
