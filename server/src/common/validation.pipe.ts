import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '#shared/api';
import { invalidFields } from './api-exception';

/**
 * The one validation pipe: strips nothing silently (unknown fields are errors), converts
 * params to their DTO types, and reports every bad field by its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => invalidFields(flatten(errors)),
  });
}

/** Every failed constraint as `{ field: 'a.b.0', message }`, joined per field. */
export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
