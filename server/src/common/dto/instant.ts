/**
 * An ISO 8601 instant with a UTC offset, as every time on the wire is. Response DTOs declare time
 * fields with it so the OpenAPI document says `format: date-time`; it is a plain string to the compiler.
 */
export type Instant = string;
