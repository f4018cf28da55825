import type { SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Keywords = Partial<SchemaObject>;

/**
 * Schema keywords for the class-validator rules the compiler plugin cannot read: our own
 * decorators (`IsText`, `IsInstant`) and rules whose arguments are constants (`Matches(STATION_ID)`). They
 * are read from the rules themselves at run time, so the document states what is enforced.
 */
const KEYWORDS: Record<string, (constraints: unknown[]) => Keywords> = {
  isText: ([min, max]) => ({ minLength: min as number, maxLength: max as number }),
  matches: ([pattern]) => (pattern instanceof RegExp ? { pattern: pattern.source } : typeof pattern === 'string' ? { pattern } : {}),
  isIso8601: () => ({ format: 'date-time' }),
  isInstant: () => ({ format: 'date-time' }),
  isUrl: () => ({ format: 'uri' }),
  isIn: ([values]) => ({ enum: values as unknown[] }),
  min: ([value]) => ({ minimum: value as number }),
  max: ([value]) => ({ maximum: value as number }),
  arrayMinSize: ([value]) => ({ minItems: value as number }),
  arrayMaxSize: ([value]) => ({ maxItems: value as number }),
};

/** Per property of `cls`: keywords for the value itself, and for its items (rules with `each`). */
export function validationKeywords(cls: Function): Map<string, { value: Keywords; items: Keywords; integer: boolean }> {
  const result = new Map<string, { value: Keywords; items: Keywords; integer: boolean }>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const entry = result.get(rule.propertyName) ?? { value: {}, items: {}, integer: false };
    result.set(rule.propertyName, entry);
    if (rule.name === 'isInt') entry.integer = true;
    const keywords = rule.name ? KEYWORDS[rule.name]?.(rule.constraints ?? []) : undefined;
    if (keywords) Object.assign(rule.each ? entry.items : entry.value, keywords);
  }
  return result;
}

/** Adds the keywords to one property's schema, never overriding what is already stated. */
export function applyValidationKeywords(schema: SchemaObject, rules: { value: Keywords; items: Keywords; integer: boolean }): void {
  fill(schema, rules.value);
  if (rules.integer && schema.type === 'number') schema.type = 'integer';
  const items = schema.items;
  if (items && !('$ref' in items)) fill(items, rules.items);
}

/** Adds the keywords of every validated property of `cls` to its component schema. */
export function addValidationKeywords(schema: SchemaObject, cls: Function): void {
  for (const [property, rules] of validationKeywords(cls)) {
    const target = schema.properties?.[property];
    if (target && !('$ref' in target)) applyValidationKeywords(target, rules);
  }
}

function fill(schema: SchemaObject, keywords: Keywords): void {
  for (const [key, value] of Object.entries(keywords) as Array<[keyof SchemaObject, unknown]>) {
    if (schema[key] === undefined && value !== undefined) (schema as Record<string, unknown>)[key] = value;
  }
}
