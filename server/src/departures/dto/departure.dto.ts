import type { Departure, DepartureOverride, DepartureStatus, FeedValues, RowKind } from '#shared/board';
import type { Instant } from '../../common/dto/instant';

export class FeedValuesDto implements FeedValues {
  expectedTime!: Instant | null;
  platform!: string | null;
  cancelled!: boolean;
  cancelReason!: string | null;
  remarks!: string[];
  at!: Instant;
}

export class DepartureOverrideDto implements DepartureOverride {
  by!: string;
  at!: Instant;
  until!: Instant | null;
  feed!: FeedValuesDto | null;
}

export class DepartureDto implements Departure {
  id!: string;
  kind!: RowKind;
  line!: string;
  lineColor!: string;
  destination!: string;
  origin!: string | null;
  via!: string[];
  trainNumber!: string | null;
  skippedStops!: string[];
  shortenedAt!: string | null;
  replacement!: boolean;
  headwayMinutes?: number;
  scheduledTime!: Instant;
  expectedTime!: Instant | null;
  scheduledPlatform!: string | null;
  platform!: string | null;
  status!: DepartureStatus;
  cancelReason!: string | null;
  remarks!: string[];
  textTranslations?: Record<string, Record<string, string>>;
  override!: DepartureOverrideDto | null;
  version!: number;
  updatedAt!: Instant;
}
