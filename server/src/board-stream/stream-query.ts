import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Query of the event stream. A malformed `lastEventId` is not an error: like an id from another
 * store, it just gets a fresh snapshot (the screen resyncs honestly).
 */
export class StreamQuery {
  /**
   * The SSE `id` of the last message the client applied, for clients that cannot send the
   * `Last-Event-ID` header; the header wins when both are given.
   * @example "2727b8d782.27"
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lastEventId?: string;
}
