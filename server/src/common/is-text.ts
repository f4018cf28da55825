import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { textProblem } from './text-rules';

export interface TextOptions extends ValidationOptions {
  /** A password: never shown to anyone, so any character may be in it and only its length is checked. */
  secret?: boolean;
}

/**
 * A string of `min` to `max` characters (after trimming), with one message that says both
 * rules, instead of class-validator's separate type and length messages. Unless `secret`, it must
 * also be text fit for a passenger's screen (text-rules.ts: no control or bidi override
 * characters, something visible), and the message then names the character.
 */
export function IsText(min: number, max: number, options: TextOptions = {}): PropertyDecorator {
  const { secret = false, ...validation } = options;
  const fits = (value: unknown): value is string => typeof value === 'string' && value.trim().length >= min && value.length <= max;
  return (target, propertyName) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: propertyName as string,
      // Kept as constraints so the OpenAPI document can state them (server/src/openapi/validation-schema.ts).
      constraints: [min, max],
      options: {
        message: ({ value }: ValidationArguments) =>
          (secret ? null : characterProblem(value, validation.each === true, fits, String(propertyName))) ??
          `${validation.each ? 'each value in ' : ''}${String(propertyName)} must be text of ${min} to ${max} characters`,
        ...validation,
      },
      validator: {
        validate: (value: unknown) => fits(value) && (secret || textProblem(value) === null),
      },
    });
}

/**
 * "via[1] contains a bidirectional control (U+202E)": when every value has the right length, the
 * first one with wrong characters (a wrong length is said by the length message).
 */
function characterProblem(value: unknown, each: boolean, fits: (value: unknown) => value is string, field: string): string | null {
  const values = each && Array.isArray(value) ? value : [value];
  if (!values.every(fits)) return null;
  for (const [index, item] of values.entries()) {
    const problem = textProblem(item as string);
    if (problem) return `${each ? `${field}[${index}]` : field} ${problem}`;
  }
  return null;
}
