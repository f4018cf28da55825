import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SCREEN_ID } from '../screens/dto/screen.dto';

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

  /**
   * A station screen's own id (random, kept in the browser): the stream then counts as that
   * screen in the fleet, and can carry its reload. Previews in the console send none.
   * @example "3f1c2b9e-7a44-4c1e-9d2a-8b7e6f5a4c3d"
   */
  @IsOptional()
  @Matches(SCREEN_ID, { message: 'screen must be 8-64 letters, digits or "-"' })
  screen?: string;

  /**
   * The release the screen runs.
   * @example "0.1.0"
   */
  @IsOptional()
  @Matches(/^[\w.+-]{1,40}$/, { message: 'v must be 1-40 letters, digits, ".", "+", "-" or "_"' })
  v?: string;
}
