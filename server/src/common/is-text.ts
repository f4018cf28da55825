import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A string of `min` to `max` characters (after trimming), with one message that says both
 * rules, instead of class-validator's separate type and length messages.
 */
export function IsText(min: number, max: number, options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: propertyName as string,
      // Kept as constraints so the OpenAPI document can state them (server/src/openapi/validation-schema.ts).
      constraints: [min, max],
      options: {
        message: `${options.each ? 'each value in ' : ''}${String(propertyName)} must be text of ${min} to ${max} characters`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length >= min && value.length <= max,
      },
    });
}
