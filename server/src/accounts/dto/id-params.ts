import { Matches } from 'class-validator';

export class IdParams {
  @Matches(/^[a-z]{3}-[a-z0-9-]{1,40}$/, { message: 'id must be an id such as "usr-3f9a0c1b2d4e"' })
  id!: string;
}
