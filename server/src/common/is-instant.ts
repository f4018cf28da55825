import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { INSTANT_EXAMPLE, parseInstant } from './instant-rules';

/**
 * An RFC 3339 instant with a UTC offset (see `parseInstant`), the one form every time on the API
 * takes; the message says what is wrong with this value. How far from now a time may be is a rule
 * of the change (departure-rules, alert-rules), which knows the boards' clock.
 */
export function IsInstant(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      // Read by server/src/openapi/validation-schema.ts, which states `format: date-time`.
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value, property }: ValidationArguments) =>
          typeof value === 'string'
            ? `${property} ${(parseInstant(value) as { problem?: string }).problem}`
            : `${property} must be an RFC 3339 date-time with a UTC offset, like "${INSTANT_EXAMPLE}"`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseInstant(value).ok },
    });
}
