// @ts-check
/**
 * Writes server/src/openapi/dto-metadata.generated.ts: what the @nestjs/swagger compiler plugin
 * learns from the DTO classes' TypeScript types and doc comments (types, required, nullable,
 * enums, descriptions), as data that `SwaggerModule.loadPluginMetadata` applies at start-up.
 *
 * Why a generated file and not the plugin as a compile step: the tests run through ts-jest in
 * transpile-only mode, where the plugin has no type checker; a file that both the build and the
 * tests compile gives them the same document. `npm run build:server` regenerates it;
 * `--check` exits 1 when it is stale (test/e2e/openapi.spec.ts runs that).
 *
 * A property without a doc comment of its own gets the one of the shared wire type the class
 * `implements` (shared/*.ts), so the contract is described once.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = path.join(ROOT, 'server/src');
const OUT_DIR = path.join(SOURCE, 'openapi');
const OUT_FILE = path.join(OUT_DIR, 'dto-metadata.generated.ts');
const WIRE_FILE = path.join(OUT_DIR, 'wire-schemas.generated.json');
const { wireSchemas } = require('./wire-schemas');
/** Files whose exported classes describe requests or responses. */
const DTO_FILES = ['/dto/', '.dto.ts', '-params.ts', '-query.ts'];

function generate() {
  const program = ReadonlyVisitor.createTsProgram(path.join(ROOT, 'server/tsconfig.build.json'));
  const checker = program.getTypeChecker();
  const visitor = new ReadonlyVisitor({
    pathToSource: OUT_DIR,
    dtoFileNameSuffix: DTO_FILES,
    controllerFileNameSuffix: ['.no-controllers'],
    introspectComments: true,
    classValidatorShim: true,
  });
  const sources = program.getSourceFiles().filter((sf) => sf.fileName.startsWith(`${SOURCE}/`) && sf.fileName !== OUT_FILE);
  for (const sf of sources) visitor.visit(program, sf);

  /** @type {Map<string, { name: string; description: string }[]>} */
  const classDocs = new Map();
  /** @type {Map<string, Map<string, Map<string, Extras>>>} file -> class -> property -> what the plugin does not add */
  const extras = new Map();
  const problems = [];
  for (const sf of sources.filter((sf) => DTO_FILES.some((pattern) => sf.fileName.includes(pattern)))) {
    const file = importPath(sf.fileName);
    ts.forEachChild(sf, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name || !isExported(node)) return;
      const name = node.name.text;
      const symbol = checker.getSymbolAtLocation(node.name);
      const description = (symbol ? docOf(symbol, checker) : '') || implementedDocs(node, checker);
      classDocs.set(file, [...(classDocs.get(file) ?? []), { name, description }]);
      const type = checker.getTypeAtLocation(node);
      /** @type {Map<string, Extras>} */
      const props = new Map();
      for (const prop of type.getProperties()) {
        const declaration = prop.valueDeclaration;
        const declared = declaration !== undefined && ts.isPropertyDeclaration(declaration) ? declaration.type : undefined;
        const inherited = docOf(prop, checker);
        const implemented = implementedPropertyDoc(node, prop.name, checker);
        props.set(prop.name, {
          description: inherited || implemented,
          // An inherited field (say, from a mapped type) described differently by this class's wire type.
          redescribed: declaration?.parent !== node && implemented !== '' && implemented !== inherited ? implemented : undefined,
          format: mentionsInstant(declared) ? 'date-time' : undefined,
          literal: stringLiteral(declared),
        });
      }
      extras.set(file, (extras.get(file) ?? new Map()).set(name, props));
      for (const missing of missingFromImplemented(node, type, checker))
        problems.push(`${path.relative(ROOT, sf.fileName)}: ${name} does not declare \`${missing}\` of the type it implements`);
    });
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n(a DTO declares every field of its wire type, so the OpenAPI document shows them all)\n`);
    process.exit(1);
  }
  return { metadata: print(visitor, extras, classDocs), wire: printWire(wireSchemas(program, path.join(ROOT, 'shared'))) };
}

/** @typedef {{ description: string; redescribed: string | undefined; format: string | undefined; literal: string | undefined }} Extras */

function isExported(/** @type {ts.ClassDeclaration} */ node) {
  return (node.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Whether a declared type is, or includes, `Instant` (server/src/common/dto/instant.ts). */
function mentionsInstant(/** @type {ts.TypeNode | undefined} */ node) {
  if (!node) return false;
  if (ts.isTypeReferenceNode(node)) return ts.isIdentifier(node.typeName) && node.typeName.text === 'Instant';
  if (ts.isUnionTypeNode(node)) return node.types.some(mentionsInstant);
  return false;
}

/** `'snapshot'` for a property declared as that one string (the plugin only turns unions into enums). */
function stringLiteral(/** @type {ts.TypeNode | undefined} */ node) {
  return node && ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** Properties of the types a class `implements` that the class does not have. */
function missingFromImplemented(
  /** @type {ts.ClassDeclaration} */ node,
  /** @type {ts.Type} */ type,
  /** @type {ts.TypeChecker} */ checker,
) {
  const own = new Set(type.getProperties().map((p) => p.name));
  const missing = [];
  for (const clause of node.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const implemented of clause.types) {
      for (const prop of checker.getTypeAtLocation(implemented).getProperties()) if (!own.has(prop.name)) missing.push(prop.name);
    }
  }
  return missing;
}

/** @param {ts.Symbol} symbol @param {ts.TypeChecker} checker */
function docOf(symbol, checker) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

/** The doc comment of the first type a class `implements` that has one. */
function implementedDocs(/** @type {ts.ClassDeclaration} */ node, /** @type {ts.TypeChecker} */ checker) {
  for (const clause of node.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const type of clause.types) {
      const symbol = checker.getTypeAtLocation(type).getSymbol();
      const doc = symbol ? docOf(symbol, checker) : '';
      if (doc) return doc;
    }
  }
  return '';
}

/** The doc comment of a property of the types a class `implements`. */
function implementedPropertyDoc(
  /** @type {ts.ClassDeclaration} */ node,
  /** @type {string} */ name,
  /** @type {ts.TypeChecker} */ checker,
) {
  for (const clause of node.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const type of clause.types) {
      const prop = checker.getTypeAtLocation(type).getProperty(name);
      const doc = prop ? docOf(prop, checker) : '';
      if (doc) return doc;
    }
  }
  return '';
}

/** `server/src/x/y.dto.ts` as the generated file imports it: `../x/y.dto`. */
function importPath(/** @type {string} */ fileName) {
  const relative = path.posix.relative(OUT_DIR, fileName).replace(/\.ts$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * @param {ReadonlyVisitor} visitor
 * @param {Map<string, Map<string, Map<string, Extras>>>} extras
 * @param {Map<string, { name: string; description: string }[]>} classDocs
 */
function print(visitor, extras, classDocs) {
  const printer = ts.createPrinter({ removeComments: true });
  const blank = ts.createSourceFile('x.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const text = (/** @type {ts.Node} */ node) => printer.printNode(ts.EmitHint.Unspecified, node, blank);

  const models = visitor.collect().models.map(([importCall, classes]) => {
    const file = /** @type {ts.StringLiteral} */ (/** @type {ts.CallExpression} */ (importCall).arguments[0]).text;
    return { file, classes: /** @type {Record<string, ts.ObjectLiteralExpression>} */ (/** @type {unknown} */ (classes)) };
  });
  const files = [...new Set([...models.map((m) => m.file), ...Object.keys(visitor.typeImports), ...classDocs.keys()])].sort();
  const alias = new Map(files.map((file, i) => [file, `m${i}`]));

  const lines = [
    '// Generated by `npm run openapi:metadata` (server/scripts/openapi-metadata.js) from the DTO classes; do not edit.',
    '// `npm run build:server` regenerates it; test/e2e/openapi.spec.ts fails when it is stale.',
    ...files.map((file) => `import * as ${alias.get(file)} from '${file}';`),
    '',
    `const t = {\n${files.map((file) => `  '${file}': ${alias.get(file)},`).join('\n')}\n};`,
    '',
    '/** Property metadata per DTO class, for `SwaggerModule.loadPluginMetadata`. */',
    'export const dtoMetadata = async () => ({',
    "  '@nestjs/swagger': {",
    '    models: [',
  ];
  for (const { file, classes } of [...models].sort((a, b) => a.file.localeCompare(b.file))) {
    lines.push(`      [${alias.get(file)}, {`);
    for (const [className, props] of Object.entries(classes)) {
      const known = extras.get(file)?.get(className) ?? new Map();
      const entries = props.properties.map((p) => {
        const assignment = /** @type {ts.PropertyAssignment} */ (p);
        const name = text(assignment.name);
        const value = withExtras(/** @type {ts.ObjectLiteralExpression} */ (assignment.initializer), known.get(name));
        return `          ${name}: ${text(value)},`;
      });
      const own = new Set(props.properties.map((p) => text(/** @type {ts.PropertyAssignment} */ (p).name)));
      for (const [name, extra] of known) {
        if (!own.has(name) && extra.redescribed) entries.push(`          ${name}: { description: ${JSON.stringify(extra.redescribed)} },`);
      }
      lines.push(entries.length ? `        ${className}: {\n${entries.join('\n')}\n        },` : `        ${className}: {},`);
    }
    lines.push('      }],');
  }
  lines.push('    ],', '  },', '});', '');
  lines.push('/** Every DTO class, with its doc comment (or that of the wire type it implements) for its schema. */');
  lines.push('export const dtoClasses: ReadonlyArray<[Function, string]> = [');
  for (const file of [...classDocs.keys()].sort()) {
    for (const { name, description } of classDocs.get(file) ?? [])
      lines.push(`  [${alias.get(file)}.${name}, ${JSON.stringify(description)}],`);
  }
  lines.push('];', '');
  // The plugin writes type references as `t["../x.dto"].X`; the rest of the file quotes with '.
  return lines.join('\n').replace(/\bt\["([^"]+)"\]/g, (_, file) => `t['${file}']`);
}

/** Adds what the plugin leaves out: inherited doc comments, `format` for `Instant`s, single-value enums. */
function withExtras(/** @type {ts.ObjectLiteralExpression} */ object, /** @type {Extras | undefined} */ extra) {
  const has = (/** @type {string} */ key) => object.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === key);
  const added = [];
  if (extra?.description && !has('description'))
    added.push(ts.factory.createPropertyAssignment('description', ts.factory.createStringLiteral(extra.description)));
  if (extra?.format && !has('format'))
    added.push(ts.factory.createPropertyAssignment('format', ts.factory.createStringLiteral(extra.format)));
  if (extra?.literal !== undefined && !has('enum')) {
    added.push(
      ts.factory.createPropertyAssignment('enum', ts.factory.createArrayLiteralExpression([ts.factory.createStringLiteral(extra.literal)])),
    );
  }
  return added.length ? ts.factory.updateObjectLiteralExpression(object, [...object.properties, ...added]) : object;
}

/** One wire type a line, so a change to a type is a change to its line. */
function printWire(/** @type {Record<string, unknown>} */ schemas) {
  const lines = Object.entries(schemas).map(([name, entry]) => `  ${JSON.stringify(name)}: ${JSON.stringify(entry)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

function main() {
  const { metadata, wire } = generate();
  for (const [file, generated] of [
    [OUT_FILE, metadata],
    [WIRE_FILE, wire],
  ]) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // Not generated yet: stale.
    }
    if (current === generated) continue;
    if (process.argv.includes('--check')) {
      process.stderr.write(`${path.relative(ROOT, file)} is stale: run \`npm run openapi:metadata\` and commit it\n`);
      process.exit(1);
    }
    writeFileSync(file, generated);
  }
}

main();
