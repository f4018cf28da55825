import { IsInt, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ScreenBeaconBody } from '#shared/screens';

/** Screen ids are made by the screens themselves (random, kept in the browser). */
export const SCREEN_ID = /^[A-Za-z0-9-]{8,64}$/;

export class ScreenParams {
  /**
   * The screen's id, as it reported it.
   * @example "3f1c2b9e-7a44-4c1e-9d2a-8b7e6f5a4c3d"
   */
  @Matches(SCREEN_ID, { message: 'screenId must be 8-64 letters, digits or "-"' })
  screenId!: string;
}

export class ScreenBeaconDto implements ScreenBeaconBody {
  /** @example "q3Jc0Wl9o2m8yVnH1xT4bA7eK5sPdRfG" */
  @Matches(/^[A-Za-z0-9_-]{16,128}$/, {
    message: 'beaconKey must be the key of the screen\'s open stream (16-128 letters, digits, "-" or "_")',
  })
  beaconKey!: string;

  /** @example "0.1.0" */
  @Matches(/^[\w.+-]{1,40}$/, { message: 'version must be 1-40 letters, digits, ".", "+", "-" or "_"' })
  @MaxLength(40)
  version!: string;

  /** @example 4 */
  @IsInt({ message: 'dataAgeSeconds must be a whole number of seconds' })
  @Min(0, { message: 'dataAgeSeconds cannot be negative' })
  @Max(10 * 365 * 24 * 3600, { message: 'dataAgeSeconds is implausibly large' })
  dataAgeSeconds!: number;
}
