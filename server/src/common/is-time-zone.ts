import { registerDecorator, type ValidationOptions } from 'class-validator';

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

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}
