import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The running release; screens compare it across reconnects to reload after an upgrade.
 * Read from the project's package.json at run time (not imported: that would copy a
 * package.json into dist/ and change how Node resolves the `#shared` imports there).
 */
export const APP_VERSION: string = readVersion(__dirname);

function readVersion(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'headway' && pkg.version) return pkg.version;
    }
  }
  return '0.0.0';
}
