/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  moduleNameMapper: { '^#shared/(.*)$': '<rootDir>/shared/$1' },
  transform: {
    // Type-checking is `npm run check`'s job; tests transpile only, which keeps them fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // e2e suites start real servers on port 0 and temp directories; two at a time suits 2 cores.
  maxWorkers: 2,
};
