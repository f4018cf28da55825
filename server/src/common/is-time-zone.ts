import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isTimeZone as isKnownTimeZone } from '#shared/zoned-time';

/** Validates an IANA timezone name (`Europe/Zurich`) against the runtime's own tz database. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an IANA timezone such as "Europe/Zurich"`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isTimeZone(value) },
    });
}

/** A zone the runtime knows, named as a region (`Europe/Zurich`) or `UTC`: abbreviations such as `CET` are ambiguous. */
export function isTimeZone(value: string): boolean {
  return isKnownTimeZone(value) && (value.includes('/') || value === 'UTC');
}
