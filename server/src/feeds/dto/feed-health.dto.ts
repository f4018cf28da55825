import type { Feed, FeedError, FeedProblem, FeedSourceHealth, FeedSourceKind, RealtimeReport, ScheduleImportReport } from '#shared/feeds';
import type { Instant } from '../../common/dto/instant';

export class FeedProblemDto implements FeedProblem {
  entityId?: string;
  tripId?: string | null;
  problem!: string;
}

export class FeedErrorDto implements FeedError {
  at!: Instant;
  message!: string;
}

export class FeedSourceHealthDto implements FeedSourceHealth {
  kind!: FeedSourceKind;
  lastAttemptAt!: Instant | null;
  lastSuccessAt!: Instant | null;
  dataAt!: Instant | null;
  stats!: Record<string, number> | null;
  problems!: FeedProblemDto[];
  errors!: FeedErrorDto[];
}

export class ServiceWindowDto {
  /** First service day, `YYYY-MM-DD`. */
  from!: string;
  days!: number;
}

export class FeedDto implements Feed {
  id!: string;
  name!: string;
  timezone!: string;
  stationPrefix!: string;
  stationCount!: number;
  scheduleVersion!: string | null;
  scheduleValidity!: { from: string | null; until: string | null } | null;
  window!: ServiceWindowDto | null;
  tripUpdatesUrl!: string | null;
  alertsUrl!: string | null;
  siriEtUrl!: string | null;
  siriSxUrl!: string | null;
  scheduleUrl!: string | null;
  pollSeconds!: number;
  headerNames!: string[];
  stale!: boolean;
  sources!: FeedSourceHealthDto[];
}

export class ImportedRowsDto {
  created!: number;
  changed!: number;
  removed!: number;
  unchanged!: number;
}

export class ScheduleImportReportDto implements ScheduleImportReport {
  feedId!: string;
  stations!: number;
  routes!: number;
  trips!: number;
  window!: ServiceWindowDto;
  rows!: ImportedRowsDto;
  overridesKept!: number;
  textsCleaned!: number;
  durationMs!: number;
  warning?: string;
  skipped!: { rows: number; examples: string[] };
}

export class RealtimeRowsDto {
  changed!: number;
  unchanged!: number;
}

export class RealtimeReportDto implements RealtimeReport {
  feedId!: string;
  dataAt!: Instant | null;
  rows!: RealtimeRowsDto;
  stats!: Record<string, number>;
  problems!: FeedProblemDto[];
}
