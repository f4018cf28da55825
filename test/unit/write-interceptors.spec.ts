import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { WRITE_INTERCEPTORS } from '../../server/src/common/write-routes.decorator';

const SERVER = join(__dirname, '../../server/src');
const READS = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/** Every controller class in the server, by file. */
function controllers(): { file: string; controller: Function }[] {
  const found: { file: string; controller: Function }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.controller.ts')) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- every controller file, found at run time
        for (const value of Object.values(require(path) as Record<string, unknown>)) {
          if (typeof value === 'function' && Reflect.getMetadata(PATH_METADATA, value) !== undefined)
            found.push({ file: path, controller: value });
        }
      }
    }
  };
  walk(SERVER);
  return found;
}

function writeRoutes(controller: Function): string[] {
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).filter((name) => {
    const method = Reflect.getMetadata(METHOD_METADATA, proto[name] as object) as RequestMethod | undefined;
    return method !== undefined && !READS.has(method);
  });
}

describe('write routes', () => {
  const all = controllers();

  it("finds the server's controllers", () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  // Without them a write's body is never read (every write answers 400) and its Idempotency-Key is ignored.
  it.each(all.filter(({ controller }) => writeRoutes(controller).length > 0).map(({ controller }) => [controller.name, controller]))(
    '%s binds the body and idempotency interceptors, in that order',
    (_name, controller) => {
      const bound = (Reflect.getMetadata(INTERCEPTORS_METADATA, controller) ?? []) as unknown[];
      expect(bound).toEqual([...WRITE_INTERCEPTORS]);
    },
  );

  // Each interceptor wraps every message of a screen's stream in another Observable layer.
  it('leaves the board stream without interceptors', () => {
    const board = all.find(({ controller }) => controller.name === 'BoardController')!;
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, board.controller)).toBeUndefined();
  });
});
