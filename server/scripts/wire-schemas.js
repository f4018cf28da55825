// @ts-check
/**
 * The OpenAPI schemas of the wire types, read from where they are defined: the exported interfaces
 * and object types of shared/*.ts, with their doc comments as descriptions and `@example` tags as
 * examples. The server answers in these types and the web reads them, so the document describes
 * exactly what crosses the wire, and no class has to repeat a wire type for the document's sake.
 *
 * The subset of TypeScript the wire types use is mapped, and anything else stops the build with
 * the type and property named (a wire type is data: no functions, no generics):
 * - `string`, `number`, `boolean`, literals and unions of literals (an `enum`);
 * - `Instant` (a string with `format: date-time`), `T[]`, `Record<string, T>`;
 * - `T | null` (`nullable`), optional properties (not `required`);
 * - a named object type (a `$ref`), an inline one, `A & B` (`allOf`), a union of objects (`oneOf`);
 * - `X['field']`, by the type the compiler resolves it to.
 *
 * Component names are the type's name plus `Dto`: the names the document has always published.
 */
const path = require('node:path');
const ts = require('typescript');

/** The published component name of a wire type. */
const componentName = (/** @type {string} */ name) => `${name}Dto`;
const ref = (/** @type {string} */ name) => ({ $ref: `#/components/schemas/${componentName(name)}` });

/**
 * @param {ts.Program} program
 * @param {string} dir shared/
 * @returns {Record<string, { component: string; schema: object }>}
 */
function wireSchemas(program, dir) {
  const checker = program.getTypeChecker();
  sharedDir = dir;
  /** @type {Record<string, { component: string; schema: object }>} */
  const out = {};
  const problems = [];
  const files = program.getSourceFiles().filter((sf) => path.dirname(sf.fileName) === dir);
  for (const sf of [...files].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    ts.forEachChild(sf, (node) => {
      if (!(ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) || !isExported(node)) return;
      if (ts.isTypeAliasDeclaration(node) && !isObjectish(node.type, checker)) return;
      if (node.typeParameters) return;
      const where = `${path.basename(sf.fileName)}: ${node.name.text}`;
      try {
        const schema = ts.isInterfaceDeclaration(node) ? interfaceSchema(node, checker) : typeSchema(node.type, checker);
        const description = docOf(checker.getSymbolAtLocation(node.name), checker);
        out[node.name.text] = { component: componentName(node.name.text), schema: withDoc(schema, description) };
      } catch (error) {
        problems.push(`${where}: ${/** @type {Error} */ (error).message}`);
      }
    });
  }
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n(wire types in shared/ are data the OpenAPI document can describe)`);
  return out;
}

/** An interface's own and inherited properties (`extends`), as one object schema. */
function interfaceSchema(/** @type {ts.InterfaceDeclaration} */ node, /** @type {ts.TypeChecker} */ checker) {
  return objectSchema(propertiesOf(node, checker), checker);
}

function propertiesOf(/** @type {ts.InterfaceDeclaration} */ node, /** @type {ts.TypeChecker} */ checker) {
  /** @type {ts.PropertySignature[]} */
  const inherited = [];
  for (const clause of node.heritageClauses ?? []) {
    for (const base of clause.types) {
      const declaration = declarationOf(base.expression, checker);
      if (!declaration || !ts.isInterfaceDeclaration(declaration)) throw new Error(`extends ${base.getText()}, which is not an interface`);
      inherited.push(...propertiesOf(declaration, checker));
    }
  }
  return [...inherited, ...node.members.map((m) => asProperty(m, node.name.text))];
}

function asProperty(/** @type {ts.TypeElement} */ member, /** @type {string} */ owner) {
  if (!ts.isPropertySignature(member) || !member.type) throw new Error(`${owner} has a member that is not a typed property`);
  return member;
}

function objectSchema(/** @type {ts.PropertySignature[]} */ members, /** @type {ts.TypeChecker} */ checker) {
  /** @type {Record<string, object>} */
  const properties = {};
  const required = [];
  for (const member of members) {
    const name = member.name.getText();
    try {
      const symbol = checker.getSymbolAtLocation(member.name);
      properties[name] = withDoc(typeSchema(/** @type {ts.TypeNode} */ (member.type), checker), docOf(symbol, checker), exampleOf(member));
    } catch (error) {
      throw new Error(`${name}: ${/** @type {Error} */ (error).message}`, { cause: error });
    }
    if (!member.questionToken) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** @returns {Record<string, unknown>} */
function typeSchema(/** @type {ts.TypeNode} */ node, /** @type {ts.TypeChecker} */ checker) {
  if (ts.isParenthesizedTypeNode(node)) return typeSchema(node.type, checker);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.UnknownKeyword:
      return {};
  }
  if (ts.isLiteralTypeNode(node))
    return node.literal.kind === ts.SyntaxKind.NullKeyword ? unionSchema([node], checker) : literalSchema([literalValue(node)]);
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeSchema(node.elementType, checker) };
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return typeSchema(node.type, checker);
  if (ts.isTypeLiteralNode(node))
    return objectSchema(
      node.members.map((m) => asProperty(m, 'an inline type')),
      checker,
    );
  if (ts.isIntersectionTypeNode(node)) return { allOf: node.types.map((t) => typeSchema(t, checker)) };
  if (ts.isUnionTypeNode(node)) return unionSchema(node.types, checker);
  if (ts.isIndexedAccessTypeNode(node)) return resolvedSchema(checker.getTypeFromTypeNode(node), node);
  if (ts.isTypeReferenceNode(node)) return referenceSchema(node, checker);
  throw new Error(`a type the document cannot describe: ${node.getText()}`);
}

function unionSchema(/** @type {readonly ts.TypeNode[]} */ types, /** @type {ts.TypeChecker} */ checker) {
  const isNull = (/** @type {ts.TypeNode} */ t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword;
  const rest = types.filter((t) => !isNull(t));
  const nullable = rest.length < types.length;
  if (rest.length === 0) return { nullable: true, enum: [null] };
  if (rest.every((t) => ts.isLiteralTypeNode(t))) return withNull(literalSchema(rest.map((t) => literalValue(t))), nullable);
  if (rest.length === 1) return withNull(typeSchema(rest[0], checker), nullable);
  const members = rest.map((t) => typeSchema(t, checker));
  // Named enums joined (`Principal['kind'] | 'system'`) are one enum.
  const enums = members.every((m) => Object.keys(m).join() === 'type,enum' && m.type === members[0].type);
  if (enums) return withNull({ type: members[0].type, enum: members.flatMap((m) => /** @type {unknown[]} */ (m.enum)) }, nullable);
  return withNull({ oneOf: members }, nullable);
}

/** `null` added to a schema the way OpenAPI 3.0 says it: `nullable`, around a `$ref` by `allOf`. */
function withNull(/** @type {Record<string, unknown>} */ schema, /** @type {boolean} */ nullable) {
  if (!nullable) return schema;
  if ('$ref' in schema) return { type: 'object', nullable: true, allOf: [schema] };
  return { ...schema, nullable: true };
}

function referenceSchema(/** @type {ts.TypeReferenceNode} */ node, /** @type {ts.TypeChecker} */ checker) {
  const name = node.typeName.getText();
  const args = node.typeArguments ?? [];
  if (name === 'Instant') return { type: 'string', format: 'date-time' };
  if (name === 'Array' && args.length === 1) return { type: 'array', items: typeSchema(args[0], checker) };
  if (name === 'Record' && args.length === 2) {
    if (args[0].kind !== ts.SyntaxKind.StringKeyword) throw new Error(`Record keys other than string: ${node.getText()}`);
    return { type: 'object', additionalProperties: typeSchema(args[1], checker) };
  }
  const declaration = declarationOf(node.typeName, checker);
  if (!declaration) throw new Error(`${name} is not a known type`);
  // A utility type (`Exclude<Permission, 'admin'>`): by what the compiler makes of it.
  if (args.length > 0 || !isShared(declaration)) return resolvedSchema(checker.getTypeFromTypeNode(node), node);
  if (ts.isInterfaceDeclaration(declaration)) return ref(declaration.name.text);
  if (ts.isTypeAliasDeclaration(declaration)) {
    // A named object type is a component of its own; a named enum (`RowKind`) is spelled out in place.
    return isObjectish(declaration.type, checker) ? ref(declaration.name.text) : typeSchema(declaration.type, checker);
  }
  throw new Error(`${name} is neither an interface nor a type alias`);
}

let sharedDir = '';
const isShared = (/** @type {ts.Node} */ node) => path.dirname(node.getSourceFile().fileName) === sharedDir;

/** What the compiler makes of `X['field']`: here always a primitive or a union of literals. */
function resolvedSchema(/** @type {ts.Type} */ type, /** @type {ts.TypeNode} */ node) {
  const members = type.isUnion() ? type.types : [type];
  if (members.every((t) => t.isStringLiteral() || t.isNumberLiteral())) {
    return literalSchema(members.map((t) => /** @type {ts.LiteralType} */ (t).value));
  }
  if (type.flags & ts.TypeFlags.String) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  throw new Error(`a type the document cannot describe: ${node.getText()}`);
}

function literalSchema(/** @type {unknown[]} */ values) {
  const kinds = new Set(values.map((v) => typeof v));
  if (kinds.size !== 1) throw new Error(`literals of mixed types: ${values.join(', ')}`);
  return { type: [...kinds][0], enum: values };
}

function literalValue(/** @type {ts.TypeNode} */ node) {
  if (!ts.isLiteralTypeNode(node)) throw new Error(`not a literal: ${node.getText()}`);
  const literal = node.literal;
  if (ts.isStringLiteral(literal)) return literal.text;
  if (ts.isNumericLiteral(literal)) return Number(literal.text);
  if (literal.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (literal.kind === ts.SyntaxKind.FalseKeyword) return false;
  throw new Error(`a literal the document cannot describe: ${node.getText()}`);
}

/** Object types get a component; unions of literals and primitives are spelled out where used. */
function isObjectish(/** @type {ts.TypeNode} */ node, /** @type {ts.TypeChecker} */ checker) {
  if (ts.isParenthesizedTypeNode(node)) return isObjectish(node.type, checker);
  if (ts.isTypeLiteralNode(node) || ts.isIntersectionTypeNode(node)) return true;
  if (ts.isUnionTypeNode(node)) return node.types.some((t) => isObjectish(t, checker));
  if (ts.isTypeReferenceNode(node)) {
    const declaration = declarationOf(node.typeName, checker);
    return (
      declaration !== undefined &&
      (ts.isInterfaceDeclaration(declaration) || (ts.isTypeAliasDeclaration(declaration) && isObjectish(declaration.type, checker)))
    );
  }
  return false;
}

/** The declaration a name refers to, through imports. */
function declarationOf(/** @type {ts.Node} */ name, /** @type {ts.TypeChecker} */ checker) {
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations?.[0];
}

function isExported(/** @type {ts.InterfaceDeclaration | ts.TypeAliasDeclaration} */ node) {
  return (node.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function docOf(/** @type {ts.Symbol | undefined} */ symbol, /** @type {ts.TypeChecker} */ checker) {
  return symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
}

/** An `@example` tag's value, as JSON where it parses (`@example 4`, `@example "S3"`). */
function exampleOf(/** @type {ts.Node} */ node) {
  const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === 'example');
  const text = typeof tag?.comment === 'string' ? tag.comment.trim() : undefined;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function withDoc(
  /** @type {Record<string, unknown>} */ schema,
  /** @type {string} */ description,
  /** @type {unknown} */ example = undefined,
) {
  if (!description && example === undefined) return schema;
  // A `$ref`'s siblings are ignored (OpenAPI 3.0): described, it goes inside an `allOf`.
  const described = '$ref' in schema ? { allOf: [schema] } : schema;
  return { ...described, ...(description ? { description } : {}), ...(example !== undefined ? { example } : {}) };
}

module.exports = { wireSchemas, componentName };
