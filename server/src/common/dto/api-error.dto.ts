import type { ApiError, FieldError } from '#shared/api';

export class FieldErrorDto implements FieldError {
  /** @example "delayMinutes" */
  field!: string;
  /** @example "delayMinutes must be a whole number of minutes" */
  message!: string;
}

export class ApiErrorDto implements ApiError {
  /** The HTTP status, repeated. */
  statusCode!: number;
  error!: string;
  message!: string;
  fields?: FieldErrorDto[];
}
