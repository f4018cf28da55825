import type { Board, FeedFreshness } from '#shared/board';
import type { AlertDto } from '../../alerts/dto/alert.dto';
import type { Instant } from '../../common/dto/instant';
import type { DepartureDto } from '../../departures/dto/departure.dto';
import type { StationDto } from '../../stations/dto/station.dto';

export class FeedFreshnessDto implements FeedFreshness {
  feedId!: string;
  name!: string;
  dataAt!: Instant | null;
  stale!: boolean;
}

export class BoardDto implements Board {
  /** Names the store that gave `seq` (see `BoardPosition`). */
  epoch!: string;
  /** The station's change counter as of this board. */
  seq!: number;
  station!: StationDto;
  departures!: DepartureDto[];
  alerts!: AlertDto[];
  feed!: FeedFreshnessDto | null;
}
