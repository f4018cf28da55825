// ESLint for the whole project (`npm run lint`, part of `npm run check`): the recommended rules of
// ESLint, typescript-eslint and eslint-plugin-svelte; formatting is Prettier's, not ESLint's.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results/', 'data/', 'server/src/openapi/dto-metadata.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  { files: ['**/*.svelte', '**/*.svelte.ts'], languageOptions: { parserOptions: { parser: tseslint.parser } } },
  // `_name` marks what is left out on purpose (a destructured field dropped, an unused parameter of an interface).
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // reflect-metadata, Nest and class-validator name a class by the `Function` type.
  {
    files: ['server/src/openapi/**', 'test/unit/write-interceptors.spec.ts'],
    rules: { '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  // The bench, the scripts and the test tooling are plain CommonJS.
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
