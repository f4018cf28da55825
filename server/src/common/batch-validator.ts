import { getMetadataStorage, type ValidationError, Validator, type ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type * as Executor from 'class-validator/types/validation/ValidationExecutor';
import { ItemCheck } from './item-check';

// class-validator (pinned at 0.14.2) runs every check through this executor; its index does not export it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the package does not export, typed from its declarations
const { ValidationExecutor } = require('class-validator/cjs/validation/ValidationExecutor') as typeof Executor;

type Storage = ReturnType<typeof getMetadataStorage>;
type Grouped = Record<string, ValidationMetadata[]>;

/**
 * class-validator's metadata storage, answering a class's merged metadata from a cache. The
 * storage works it out again for every object it validates, walking every registered class for
 * ancestors: that was most of the cost of validating a batch item. Decorators run when their class
 * is defined, so a class's metadata no longer changes once the first object of it is validated.
 * Only for validation without groups (the batch's options), which the key leaves out.
 */
export function cachedStorage(storage: Storage): Storage {
  // By class, then by schema name: a nested object is validated with its parent's class name as the schema.
  const metadatas = new Map<unknown, Map<string | undefined, ValidationMetadata[]>>();
  const grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const cached = Object.create(storage) as Storage;
  cached.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups?.length) return storage.getTargetValidationMetadatas(target, schema, always, strictGroups, groups);
    let bySchema = metadatas.get(target);
    if (!bySchema) metadatas.set(target, (bySchema = new Map()));
    let found = bySchema.get(schema);
    if (!found) {
      found = storage.getTargetValidationMetadatas(target, schema, always, strictGroups, groups);
      bySchema.set(schema, found);
    }
    return found;
  };
  cached.groupByPropertyName = (list) => {
    let found = grouped.get(list);
    if (!found) {
      found = storage.groupByPropertyName(list);
      grouped.set(list, found);
    }
    return found;
  };
  return cached;
}

/** class-validator's own executor (the same checks, messages and order), reading metadata from the cache. */
class CachedExecutor extends ValidationExecutor {
  constructor(validator: Validator, options: ValidatorOptions, storage: Storage) {
    super(validator, options);
    // The executor's one source of metadata; assigned on this instance only, the library is not changed.
    (this as unknown as { metadataStorage: Storage }).metadataStorage = storage;
  }
}

/**
 * `validateSync(object, options)` for the many objects of a batch: the same result, with each
 * class's metadata looked up once. Options must use no groups (they are not part of the cache key);
 * `accepts` assumes the batch's options (whitelist, forbidNonWhitelisted).
 */
export class BatchValidator {
  private readonly validator = new Validator();
  private readonly storage = cachedStorage(getMetadataStorage());
  private readonly check = new ItemCheck(this.storage);

  constructor(private readonly options: ValidatorOptions) {
    // Groups and `always` change which metadata applies; the cache and ItemCheck read it without them.
    if (options.groups?.length || options.always) throw new Error('BatchValidator caches metadata without groups or always');
  }

  /**
   * True when `validateSync` would find nothing in the `cls` instance class-transformer makes of
   * `plain`, decided without making it; false means "run validateSync" (see ItemCheck).
   */
  accepts(cls: abstract new (...args: never[]) => object, plain: object): boolean {
    return this.check.accepts(cls, plain);
  }

  /** As `accepts`, and only for a class with no nested DTO (so the plain object needs no transforming). */
  acceptsFlat(cls: abstract new (...args: never[]) => object, plain: object): boolean {
    return this.check.isFlat(cls) && this.check.accepts(cls, plain);
  }

  validateSync(object: object): ValidationError[] {
    // As Validator.validateSync does it: one executor per object, async checks ignored.
    const executor = new CachedExecutor(this.validator, this.options, this.storage);
    executor.ignoreAsyncValidations = true;
    const errors: ValidationError[] = [];
    executor.execute(object, undefined as unknown as string, errors);
    return executor.stripEmptyErrors(errors);
  }
}
