// A Jest transformer for Svelte 5 code, so unit tests can run the web's rune state classes.
// `*.svelte.ts` modules: TypeScript's types are stripped, Svelte's compiler turns the runes into
// calls to its client runtime, and the ES module that results becomes CommonJS, which Jest runs
// without --experimental-vm-modules. Svelte's own runtime (and its ES-only dependencies) ships
// as ES modules only, so those files take the last step alone.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { compileModule, VERSION } = require('svelte/compiler');
const ts = require('typescript');

const RUNE_MODULE = /\.svelte\.(ts|js)$/;

/** ES module → CommonJS, nothing else: the target stays modern, so private fields stay private. */
function toCommonJs(code, fileName) {
  const { outputText, sourceMapText } = ts.transpileModule(code, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      allowJs: true,
      esModuleInterop: true,
      sourceMap: true,
      inlineSources: true,
    },
  });
  return { code: outputText, map: sourceMapText };
}

function compileRunes(source, fileName) {
  // Types out first: the Svelte compiler reads plain JavaScript in a module (a `.svelte.ts` in
  // Vite goes through the same two steps). Keeping ESM here leaves the imports for the compiler.
  const js = fileName.endsWith('.ts')
    ? ts.transpileModule(source, {
        fileName,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      }).outputText
    : source;
  // Production output, as the built app runs; the runtime is resolved to its production build too.
  return compileModule(js, { filename: fileName, generate: 'client', dev: false }).js.code;
}

const ownSource = readFileSync(__filename);

module.exports = {
  process(source, fileName) {
    if (!RUNE_MODULE.test(fileName)) return toCommonJs(source, fileName);
    // The compiler takes no input map, so a map would point into its output, not the source:
    // better none, and stack traces in the compiled code, which keeps the source's shape.
    return { code: toCommonJs(compileRunes(source, fileName), fileName).code };
  },

  // Jest caches by file content; this file and the compiler's version must count too.
  getCacheKey(source, fileName, options) {
    return createHash('sha256')
      .update(ownSource)
      .update(VERSION)
      .update(ts.version)
      .update(options.configString)
      .update(fileName)
      .update(source)
      .digest('hex');
  },
};
