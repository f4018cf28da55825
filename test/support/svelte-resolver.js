// Resolves Svelte (and its `esm-env` flags) as a browser would in production, and everything
// else as before. Svelte's package exports pick its server runtime unless `browser` is a
// condition, and rune state compiled for the client needs the client runtime. A global
// `customExportConditions` would hand the browser builds of server packages to the e2e tests.
const BROWSER_PACKAGES = /^(svelte|esm-env)(\/|$)/;
const BROWSER_CONDITIONS = ['browser', 'production', 'require', 'default'];

module.exports = (request, options) =>
  options.defaultResolver(request, BROWSER_PACKAGES.test(request) ? { ...options, conditions: BROWSER_CONDITIONS } : options);
