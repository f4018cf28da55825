import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import type { PutFeedBody } from '#shared/feeds';
import { IsText } from '../../common/is-text';
import { IsFeedHeaders } from './is-feed-headers';

/** Feed ids name the agency in URLs and prefix its station ids (`caltrain-22nd-street`). */
export const FEED_ID = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export class FeedParams {
  /**
   * The feed's id: a slug that also prefixes its station ids.
   * @example "caltrain"
   */
  @Matches(FEED_ID, { message: 'feedId must be a lowercase slug (a-z, 0-9, "-"), at most 32 characters' })
  feedId!: string;
}

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class PutFeedDto implements PutFeedBody {
  @IsOptional()
  @IsText(1, 100)
  name?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl(URL_OPTIONS, { message: 'tripUpdatesUrl must be an http(s) URL, or null' })
  tripUpdatesUrl?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl(URL_OPTIONS, { message: 'alertsUrl must be an http(s) URL, or null' })
  alertsUrl?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl(URL_OPTIONS, { message: 'siriEtUrl must be an http(s) URL, or null' })
  siriEtUrl?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl(URL_OPTIONS, { message: 'siriSxUrl must be an http(s) URL, or null' })
  siriSxUrl?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl(URL_OPTIONS, { message: 'scheduleUrl must be an http(s) URL, or null' })
  scheduleUrl?: string | null;

  @IsOptional()
  @IsInt({ message: 'pollSeconds must be a whole number of seconds' })
  @Min(10, { message: 'pollSeconds must be at least 10' })
  @Max(3600, { message: 'pollSeconds must be at most 3600' })
  pollSeconds?: number;

  /**
   * Request headers the poller sends, such as an API key; replaces those set before, `null` removes them.
   * @example { "Ocp-Apim-Subscription-Key": "0123456789abcdef" }
   */
  @IsOptional()
  @IsFeedHeaders()
  headers?: Record<string, string> | null;
}

/** `POST /api/feeds/:feedId/schedule?from=2026-11-23&days=2`. */
export class ImportQueryDto {
  /**
   * First service day to import, `YYYY-MM-DD`; default today in the agency's timezone.
   * @example "2026-11-23"
   */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date such as 2026-11-23' })
  from?: string;

  /**
   * How many service days to import (1–14); default `GTFS_SERVICE_DAYS`.
   * @example 2
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number from 1 to 14' })
  @Min(1, { message: 'days must be a whole number from 1 to 14' })
  @Max(14, { message: 'days must be a whole number from 1 to 14' })
  days?: number;
}
