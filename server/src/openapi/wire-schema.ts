import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import wire from './wire-schemas.generated.json';

/**
 * The wire types of shared/ by name, each with its OpenAPI schema (generated from the type itself
 * by server/scripts/wire-schemas.js). Routes name what they answer with these, so an answer is
 * documented in the very type the server sends and the web reads.
 */
export type WireType = keyof typeof wire;

const SCHEMAS = wire as unknown as Record<WireType, { component: string; schema: SchemaObject }>;
const PREFIX = '#/components/schemas/';

/** A reference to the wire type's schema, e.g. for `@ApiOkResponse({ schema: wireRef('Departure') })`. */
export function wireRef(name: WireType): ReferenceObject {
  return { $ref: `${PREFIX}${SCHEMAS[name].component}` };
}

/** An array of the wire type. */
export function wireArray(name: WireType): SchemaObject {
  return { type: 'array', items: wireRef(name) };
}

/**
 * Adds to the document's components each wire schema it refers to, and those these refer to, so
 * the document carries the shapes it uses and no others.
 */
export function addWireSchemas(document: OpenAPIObject): void {
  const byComponent = new Map(Object.values(SCHEMAS).map((entry) => [entry.component, entry.schema]));
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  const pending = referencesIn(document);
  while (pending.length > 0) {
    const name = pending.pop()!;
    const schema = byComponent.get(name);
    if (schemas[name] || !schema) continue;
    schemas[name] = structuredClone(schema);
    pending.push(...referencesIn(schema));
  }
}

function referencesIn(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)) found.push(child.slice(PREFIX.length));
        else visit(child);
      }
    }
  };
  visit(value);
  return found;
}
