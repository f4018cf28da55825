/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  moduleNameMapper: { '^#shared/(.*)$': '<rootDir>/shared/$1' },
  // Svelte's client runtime for the web's rune state classes (see the resolver); the rest as Node has it.
  resolver: '<rootDir>/test/support/svelte-resolver.js',
  transform: {
    // Before `.ts`: rune modules go through Svelte's compiler, and the ES-only runtime it calls becomes CommonJS.
    '\\.svelte\\.ts$': '<rootDir>/test/support/svelte-module-transform.js',
    '[\\\\/]node_modules[\\\\/](svelte|esm-env|clsx)[\\\\/].+\\.js$': '<rootDir>/test/support/svelte-module-transform.js',
    // Type-checking is `npm run check`'s job; tests transpile only, which keeps them fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  // What Vite's `define` injects into the web's code (web/vite.config.mts).
  globals: { __APP_VERSION__: 'test' },
  transformIgnorePatterns: ['[\\\\/]node_modules[\\\\/](?!(svelte|esm-env|clsx)[\\\\/])'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // e2e suites start real servers on port 0 and temp directories; two at a time suits 2 cores.
  maxWorkers: 2,
};
