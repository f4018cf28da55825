import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Every TypeScript file under `dir`, with the modules it imports. */
function sources(dir: string): { file: string; imports: string[] }[] {
  const found: { file: string; imports: string[] }[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const next = join(path, entry.name);
      if (entry.isDirectory()) walk(next);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(next, 'utf8');
        const imports = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
        found.push({ file: relative(ROOT, next), imports });
      }
    }
  };
  walk(join(ROOT, dir));
  return found;
}

/** `file`'s imports that match `bad`. */
function offending(files: { file: string; imports: string[] }[], bad: RegExp): string[] {
  return files.flatMap(({ file, imports }) => imports.filter((i) => bad.test(i)).map((i) => `${file} imports ${i}`));
}

describe('layers', () => {
  // The core is the write path and the fan-out every change goes through, whatever carries it: no HTTP in it.
  it('keeps HTTP and the screens’ stream out of the board core', () => {
    const core = sources('server/src/board-core');
    expect(core.length).toBeGreaterThan(5);
    expect(offending(core, /board-stream|\.controller$|^express$|platform-express|\.decorator$|\.interceptor$/)).toEqual([]);
  });

  // Controllers are the edge: helpers live beside the services, so nothing but a module reaches into a route's file.
  it('lets nothing but its module import a controller', () => {
    const rest = sources('server/src').filter(({ file }) => !file.endsWith('.module.ts'));
    expect(offending(rest, /\.controller$/)).toEqual([]);
  });

  // shared/ is the contract the server and the web both compile: it has no runtime dependencies.
  it('keeps shared free of any package and of the server and the web', () => {
    expect(offending(sources('shared'), /^(?!\.\/)/)).toEqual([]);
  });
});
