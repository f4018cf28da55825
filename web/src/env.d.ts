/** The package's version, injected at build time (see vite.config.mts). */
declare const __APP_VERSION__: string;
