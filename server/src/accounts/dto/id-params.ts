import { Matches } from 'class-validator';

export class IdParams {
  /**
   * A user's or token's id.
   * @example "usr-3f9a0c1b2d4e"
   */
  @Matches(/^[a-z]{3}-[a-z0-9-]{1,40}$/, { message: 'id must be an id such as "usr-3f9a0c1b2d4e"' })
  id!: string;
}
