import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { BatchUpdate } from '#shared/api';
import { invalidFields } from '../common/api-exception';
import { flatten } from '../common/validation.pipe';
import { BATCH_OPS, UPDATE_CLASSES } from './dto/batch-update.dto';

/** Validates one update of a batch exactly as its single-item route would; throws its field errors. */
export function parseUpdate(raw: object): BatchUpdate {
  const op = (raw as { op?: unknown }).op;
  if (typeof op !== 'string' || !(BATCH_OPS as readonly string[]).includes(op)) {
    throw invalidFields([{ field: 'op', message: `op must be one of: ${BATCH_OPS.join(', ')}` }]);
  }
  const cls: new () => object = UPDATE_CLASSES[op as BatchUpdate['op']];
  const instance = plainToInstance(cls, raw);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length > 0) throw invalidFields(flatten(errors));
  return instance as unknown as BatchUpdate;
}
