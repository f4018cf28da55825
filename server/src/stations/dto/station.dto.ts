import type { Station } from '#shared/board';

export class StationDto implements Station {
  id!: string;
  name!: string;
  timezone!: string;
  feedId?: string;
  language?: string;
}
