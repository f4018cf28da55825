import { pipeline, type Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import * as yauzl from 'yauzl';
import { FeedTextTally } from './feed-text';
import { GtfsError } from './gtfs-error';

/** A GTFS feed has a few dozen files; thousands of entries is a crafted archive, not a feed. */
export const MAX_ENTRIES = 10_000;
/** Default for `GTFS_FILE_LIMIT_BYTES`: the largest real stop_times.txt files are a few GiB only for whole-country feeds, which we do not serve. */
export const MAX_FILE_BYTES = 1024 ** 3;
/**
 * The longest CSV row read. Real rows are well under 1 KiB (a long stop name or a shape point); without a
 * cap one 300 MB line is buffered whole before anything can refuse it.
 */
export const MAX_RECORD_BYTES = 64 * 1024;
/** Rows between yields to the event loop: an import, good or bad, never holds up screens or health. */
const ROWS_PER_YIELD = 1_000;
/** GTFS folders may be zipped with the folder itself; macOS adds this folder of resource forks beside it. */
const IGNORED_FOLDER = '__MACOSX/';
const LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');
const END_OF_DIRECTORY = Buffer.from('PK\x05\x06', 'latin1');
/** The record's fixed part; its last two bytes are the length of the comment that follows. */
const END_OF_DIRECTORY_SIZE = 22;

/** One CSV row, by column name, values trimmed; `line` is where the row ends in its file (1 is the header). */
export interface GtfsRow {
  row: Record<string, string>;
  line: number;
}

/**
 * A GTFS zip opened from memory: which `.txt` files it has, and each file's rows as a stream, so a
 * stop_times.txt of hundreds of MB is never held whole as text.
 */
export class GtfsArchive {
  /** The display texts read from this zip (names, headsigns), cleaned and counted. */
  readonly texts = new FeedTextTally();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /**
   * Opens `buffer` as a zip and lists its GTFS files; a GtfsError when it is not a zip or looks like
   * a zip bomb: too many entries, or a file declared larger than `fileLimitBytes` (refused before
   * anything is inflated; yauzl then holds each file to its declared size while inflating).
   */
  static async open(buffer: Buffer, fileLimitBytes = MAX_FILE_BYTES): Promise<GtfsArchive> {
    const zip = await openZip(buffer);
    if (zip.entryCount > MAX_ENTRIES) {
      zip.close();
      throw new GtfsError(`the zip has ${zip.entryCount} entries, more than the ${MAX_ENTRIES} a GTFS feed could need`);
    }
    const files = gtfsFiles(await readEntries(zip));
    for (const [file, entry] of files) {
      if (entry.uncompressedSize > fileLimitBytes) {
        zip.close();
        throw new GtfsError(
          `inflates to ${entry.uncompressedSize} bytes, over the limit of ${fileLimitBytes} bytes per file (GTFS_FILE_LIMIT_BYTES)`,
          file,
        );
      }
    }
    return new GtfsArchive(zip, files);
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  /**
   * Streams `file`'s rows. A header without one of `required` columns, a row with the wrong number
   * of fields or an unclosed quote is a GtfsError naming the file and line.
   */
  async *rows(file: string, required: readonly string[] = []): AsyncGenerator<GtfsRow> {
    const entry = this.entries.get(file);
    if (!entry) throw new GtfsError(`the zip has no ${file}`);
    let lastLine = 0;
    let header: string[] | null = null;
    const parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      columns: (names: string[]) => {
        header = names;
        lastLine = 1;
        const missing = required.filter((column) => !names.includes(column));
        if (missing.length) throw new GtfsError(`missing required column ${missing.join(', ')}`, file, 1);
        return names;
      },
      on_record: (row: Record<string, string>, context: { lines: number }): GtfsRow => {
        lastLine = context.lines;
        return { row, line: context.lines };
      },
    });
    pipeline(await this.openStream(file, entry), parser, () => undefined);
    let rows = 0;
    try {
      for await (const row of parser) {
        yield row as GtfsRow;
        if (++rows % ROWS_PER_YIELD === 0) await yieldToEventLoop();
      }
    } catch (error) {
      throw asGtfsError(error, file, lastLine);
    } finally {
      parser.destroy();
    }
    if (header === null && required.length) throw new GtfsError('the file is empty (no header row)', file);
  }

  close(): void {
    this.zip.close();
  }

  private async openStream(file: string, entry: yauzl.Entry): Promise<Readable> {
    try {
      // yauzl checks the inflated byte count against the declared size, so the check in `open` also
      // holds for a file that lies about its size.
      return await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new GtfsError(`cannot be read from the zip (${(error as Error).message})`, file);
    }
  }
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  const zipBytes = withoutTrailingBytes(buffer);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zipBytes, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (!error) resolve(zip);
      else if (buffer.subarray(0, 4).equals(LOCAL_HEADER)) reject(new GtfsError(`the zip is truncated or damaged (${error.message})`));
      else reject(new GtfsError(`not a zip archive (${error.message})`));
    });
  });
}

/**
 * The zip without whatever follows its end-of-central-directory record. Some portals append an
 * HTML page to the download (511 SF Bay's Caltrain export does); unzip ignores it, yauzl refuses it.
 */
function withoutTrailingBytes(buffer: Buffer): Buffer {
  let at = buffer.length - END_OF_DIRECTORY_SIZE;
  while (at >= 0) {
    at = buffer.lastIndexOf(END_OF_DIRECTORY, at);
    if (at < 0) break;
    const end = at + END_OF_DIRECTORY_SIZE + buffer.readUInt16LE(at + END_OF_DIRECTORY_SIZE - 2);
    // A longer comment than the bytes left means these four bytes were data, not the record.
    if (end <= buffer.length) return buffer.subarray(0, end);
    at -= 1;
  }
  return buffer;
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => {
      zip.close();
      reject(new GtfsError(`not a readable zip archive (${error.message})`));
    });
    zip.readEntry();
  });
}

/**
 * The `.txt` files by bare name: those at the root, or, when stop_times.txt is not there, those of
 * the single folder the feed was zipped in. Files deeper down or in several folders are not a feed's.
 */
function gtfsFiles(entries: yauzl.Entry[]): Map<string, yauzl.Entry> {
  const texts = entries.filter((entry) => entry.fileName.endsWith('.txt') && !entry.fileName.startsWith(IGNORED_FOLDER));
  const root = texts.filter((entry) => !entry.fileName.includes('/'));
  const nested = root.some((entry) => entry.fileName === 'stop_times.txt') ? [] : singleFolder(texts);
  const chosen = nested.length ? nested : root;
  return new Map(chosen.map((entry) => [entry.fileName.slice(entry.fileName.lastIndexOf('/') + 1), entry]));
}

function singleFolder(texts: yauzl.Entry[]): yauzl.Entry[] {
  const nested = texts.filter((entry) => entry.fileName.split('/').length === 2);
  const folders = new Set(nested.map((entry) => entry.fileName.split('/')[0]));
  return folders.size === 1 ? nested : [];
}

/** csv-parse errors carry the line they stopped at; an unclosed quote is only found at the end, so name where its row began. */
function asGtfsError(error: unknown, file: string, lastLine: number): Error {
  if (error instanceof GtfsError) return error;
  if (error instanceof CsvError) {
    const lines = typeof error.lines === 'number' ? error.lines : lastLine + 1;
    switch (error.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new GtfsError('a quoted field opened in this row is never closed', file, lastLine + 1);
      case 'CSV_MAX_RECORD_SIZE':
        return new GtfsError(`a row is longer than the limit of ${MAX_RECORD_BYTES} bytes per row`, file, lines);
      case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      case 'CSV_RECORD_INCONSISTENT_COLUMNS':
        return new GtfsError(`${fieldCount(error)} fields where the header has ${columnCount(error)}`, file, lines);
      default:
        return new GtfsError(`not valid CSV (${error.message})`, file, lines);
    }
  }
  return new GtfsError(`cannot be read from the zip (${(error as Error).message})`, file);
}

function fieldCount(error: CsvError): string {
  return Array.isArray(error.record) ? String(error.record.length) : 'a different number of';
}

function columnCount(error: CsvError): string {
  return Array.isArray(error.columns) ? String(error.columns.length) : 'another number';
}
