import { plainToInstance } from 'class-transformer';
import type { BatchUpdate } from '#shared/api';
import { invalidFields } from '../common/api-exception';
import { flatten } from '../common/validation.pipe';
import { BatchValidator } from '../common/batch-validator';
import { BATCH_OPS, UPDATE_CLASSES } from './dto/batch-update.dto';

/** The options of the app's validation pipe, so an item is judged as its single-item route would judge it. */
const validator = new BatchValidator({ whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });

/** Validates one update of a batch exactly as its single-item route would; throws its field errors. */
export function parseUpdate(raw: object): BatchUpdate {
  const op = (raw as { op?: unknown }).op;
  if (typeof op !== 'string' || !(BATCH_OPS as readonly string[]).includes(op)) {
    throw invalidFields([{ field: 'op', message: `op must be one of: ${BATCH_OPS.join(', ')}` }]);
  }
  const cls: new () => object = UPDATE_CLASSES[op as BatchUpdate['op']];
  // Most items are valid: those are accepted from the plain object, which is what the rules read.
  if (validator.accepts(cls, raw)) return raw as BatchUpdate;
  const instance = plainToInstance(cls, raw);
  const errors = validator.validateSync(instance);
  if (errors.length > 0) throw invalidFields(flatten(errors));
  return instance as unknown as BatchUpdate;
}
