import type { getMetadataStorage, ValidationArguments } from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type * as TransformerStorage from 'class-transformer/types/storage';

// class-transformer (pinned at 0.5.1) keeps `@Type` in this storage; its index does not export it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the package does not export, typed from its declarations
const { defaultMetadataStorage: transformer } = require('class-transformer/cjs/storage') as typeof TransformerStorage;

type Storage = ReturnType<typeof getMetadataStorage>;
type Class = abstract new (...args: never[]) => object;
/** One plain object judged: true only when class-validator would find no error in it. */
type Check = (object: Record<string, unknown>) => boolean;

/** class-validator's names for its kinds of metadata (ValidationTypes). */
const CUSTOM = 'customValidation';
const NESTED = 'nestedValidation';
const CONDITIONAL = 'conditionalValidation';
const DEFINED = 'isDefined';
const WHITELIST = 'whitelistValidation';

/**
 * Answers, for a batch item as parsed from JSON, whether class-validator (options whitelist +
 * forbidNonWhitelisted, no groups) would accept the DTO instance class-transformer makes of it.
 * It runs the same constraints, from the same metadata, over the plain object, and builds no
 * instance and no error objects; that was two thirds of an item's cost. It only ever answers
 * "accepted" or "ask class-validator": when it says no, or meets anything it does not model
 * (an async or promised check, an array of nested objects, a class-transformer transform), the
 * caller runs class-validator, so every error message is still class-validator's own.
 */
export class ItemCheck {
  private readonly checks = new Map<Class, Map<string | undefined, Check>>();
  private readonly flat = new Map<Class, boolean>();

  constructor(private readonly storage: Storage) {}

  accepts(cls: Class, object: object): boolean {
    return this.checkOf(cls, undefined)(object as Record<string, unknown>);
  }

  /**
   * Whether the class validates no nested DTO: class-transformer's instance of a plain object is
   * then the object's own keys on a new instance, so `Object.assign(new cls(), object)` is the same.
   */
  isFlat(cls: Class): boolean {
    let flat = this.flat.get(cls);
    if (flat === undefined) {
      const metadatas = this.storage.getTargetValidationMetadatas(cls as unknown as new () => object, '', false, false, undefined);
      flat = !metadatas.some((m) => m.type === NESTED) && !metadatas.some((m) => transformer.findTypeMetadata(cls, m.propertyName));
      this.flat.set(cls, flat);
    }
    return flat;
  }

  private checkOf(cls: Class, schema: string | undefined): Check {
    let bySchema = this.checks.get(cls);
    if (!bySchema) this.checks.set(cls, (bySchema = new Map()));
    let check = bySchema.get(schema);
    if (!check) {
      // Built lazily and cached before it is filled in, so a class that nests itself terminates.
      let built: Check | undefined;
      check = (object) => (built ??= this.compile(cls, schema))(object);
      bySchema.set(schema, check);
    }
    return check;
  }

  private compile(cls: Class, schema: string | undefined): Check {
    const refuse: Check = () => false;
    if (
      transformer.getStrategy(cls) !== 'none' ||
      transformer.getExposedMetadatas(cls).length > 0 ||
      transformer.getExcludedMetadatas(cls).length > 0
    )
      return refuse;
    const metadatas = this.storage.getTargetValidationMetadatas(
      cls as unknown as new () => object,
      schema as string,
      false,
      false,
      undefined,
    );
    // forbidUnknownValues: a class without metadata is an error.
    if (metadatas.length === 0) return refuse;
    const grouped = this.storage.groupByPropertyName(metadatas);
    const allowed = new Set(Object.keys(grouped).filter((name) => grouped[name].length > 0));
    const properties: Check[] = [];
    for (const [name, list] of Object.entries(grouped)) {
      const property = this.compileProperty(cls, name, list);
      if (!property) return refuse;
      properties.push(property);
    }
    return (object) => {
      // whitelist + forbidNonWhitelisted: every own key needs metadata.
      for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
      for (const property of properties) if (!property(object)) return false;
      return true;
    };
  }

  /** One property's checks, in class-validator's order: conditions, then IsDefined, constraints and nesting. */
  private compileProperty(cls: Class, name: string, list: ValidationMetadata[]): Check | null {
    if (transformer.findTransformMetadatas(cls, name, 0 /* PLAIN_TO_CLASS */).length > 0) return null;
    const conditions = list
      .filter((m) => m.type === CONDITIONAL)
      .map((m) => m.constraints[0] as (object: object, value: unknown) => boolean);
    const constraints: Array<(object: object, value: unknown) => boolean> = [];
    for (const m of list) {
      if (m.type !== DEFINED && m.type !== CUSTOM) continue;
      for (const constraint of this.storage.getTargetValidatorConstraints(m.constraintCls)) {
        if (constraint.async) return null;
        constraints.push(constraintCheck(cls, m, constraint));
      }
    }
    const nested: Check[] = [];
    for (const m of list) {
      if (m.type !== NESTED) continue;
      const type = transformer.findTypeMetadata(cls, name);
      if (!type || typeof m.target !== 'function') return null;
      nested.push(this.checkOf(type.typeFunction() as Class, m.target.name));
    }
    if (list.some((m) => ![CONDITIONAL, DEFINED, CUSTOM, NESTED, WHITELIST].includes(m.type))) return null;
    return (object) => {
      const value = object[name];
      if (value instanceof Promise) return false;
      for (const condition of conditions) if (!condition(object, value)) return true;
      for (const check of constraints) if (!check(object, value)) return false;
      if (value === undefined || nested.length === 0) return true;
      // A nested array (validated item by item) or a non-object: left to class-validator. Any other
      // object becomes a DTO instance in class-transformer's hands, whatever realm it came from.
      if (Array.isArray(value) || typeof value !== 'object' || value === null) return false;
      return nested.every((check) => check(value as Record<string, unknown>));
    };
  }
}

/** A constraint as ValidationExecutor.customValidations runs it, `each` included; a promise counts as "ask". */
function constraintCheck(
  cls: Class,
  metadata: ValidationMetadata,
  constraint: ConstraintMetadata,
): (object: object, value: unknown) => boolean {
  return (object, value) => {
    const args: ValidationArguments = {
      targetName: cls.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    if (metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
      const items = value instanceof Map ? [...value.values()] : [...(value as Iterable<unknown>)];
      return items.every((item) => valid(constraint.instance.validate(item, args)));
    }
    return valid(constraint.instance.validate(value, args));
  };
}

/** Valid as class-validator reads a synchronous result (truthy); a promise would be an async check. */
function valid(result: unknown): boolean {
  return !!result && typeof (result as { then?: unknown }).then !== 'function';
}
