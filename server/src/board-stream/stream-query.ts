import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Query of the event stream. A malformed `lastEventId` is not an error: like an id from another
 * store, it just gets a fresh snapshot (the screen resyncs honestly).
 */
export class StreamQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lastEventId?: string;
}
