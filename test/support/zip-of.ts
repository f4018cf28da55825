import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yazl from 'yazl';

/** A zip of the given files, as an agency publishes a GTFS feed. */
export function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** A zip of the `.txt` files of a fixture folder under test/fixtures/gtfs, e.g. `frequencies`. */
export function zipOfFixture(folder: string): Promise<Buffer> {
  const dir = join(__dirname, '..', 'fixtures', 'gtfs', folder);
  const files = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  return zipOf(Object.fromEntries(files.map((name) => [name, readFileSync(join(dir, name), 'utf8')])));
}
