import { Type } from 'class-transformer';
import { IsIn, Matches, ValidateNested } from 'class-validator';
import type { BatchUpdate } from '#shared/api';
import { PostAlertDto } from '../../alerts/dto/post-alert.dto';
import { ITEM_ID, STATION_ID } from '../../common/station-params';
import { PatchDepartureDto } from '../../departures/dto/patch-departure.dto';
import { PutDepartureDto } from '../../departures/dto/put-departure.dto';

export const BATCH_OPS = ['put-departure', 'patch-departure', 'remove-departure', 'post-alert', 'clear-alert'] as const;

/** Fields every update has. */
export class UpdateBase {
  // Each kind below narrows `op` with `declare` (no code is emitted), so the OpenAPI document can tell the kinds apart.
  /** What the update does, as its single-item route would; the other fields follow from it. */
  @IsIn(BATCH_OPS, { message: `op must be one of: ${BATCH_OPS.join(', ')}` })
  op!: BatchUpdate['op'];

  @Matches(STATION_ID, { message: 'stationId must be a lowercase slug (a-z, 0-9, "-"), at most 64 characters' })
  stationId!: string;
}

export class DepartureUpdate extends UpdateBase {
  @Matches(ITEM_ID, { message: 'departureId must be 1-128 characters: letters, digits, ".", "_", ":", "~", "-"' })
  departureId!: string;
}

export class PutDepartureUpdate extends DepartureUpdate {
  declare op: 'put-departure';

  @ValidateNested()
  @Type(() => PutDepartureDto)
  departure!: PutDepartureDto;
}

export class PatchDepartureUpdate extends DepartureUpdate {
  declare op: 'patch-departure';

  @ValidateNested()
  @Type(() => PatchDepartureDto)
  patch!: PatchDepartureDto;
}

export class RemoveDepartureUpdate extends DepartureUpdate {
  declare op: 'remove-departure';
}

export class PostAlertUpdate extends UpdateBase {
  declare op: 'post-alert';

  @ValidateNested()
  @Type(() => PostAlertDto)
  alert!: PostAlertDto;
}

export class ClearAlertUpdate extends UpdateBase {
  declare op: 'clear-alert';

  @Matches(ITEM_ID, { message: 'alertId must be 1-128 characters: letters, digits, ".", "_", ":", "~", "-"' })
  alertId!: string;
}

/** The DTO class that validates each kind of update. */
export const UPDATE_CLASSES = {
  'put-departure': PutDepartureUpdate,
  'patch-departure': PatchDepartureUpdate,
  'remove-departure': RemoveDepartureUpdate,
  'post-alert': PostAlertUpdate,
  'clear-alert': ClearAlertUpdate,
} as const;
