import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database';
import { isPostgres } from './migrations/dialect';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A statement over many rows, written once as SQL text for both engines. `text` gets the rows'
 * placeholders, already joined: `(?, ?), (?, ?)` on SQLite, `($1, $2), ($3, $4)` on PostgreSQL.
 */
export interface BulkStatement<T> {
  /** Names the statement in the text cache. */
  name: string;
  /** Values per row; a column with a type is bound as `cast(? as <type>)` (VALUES lists carry no column types on PostgreSQL). */
  columns: ReadonlyArray<string | null>;
  text(tuples: string): string;
  values(item: T): readonly unknown[];
}

/** The most rows per statement: 256 × 18 departure columns stays far under both engines' limits on bound values. */
const MAX_ROWS = 256;

/**
 * Row counts a statement is built for: full chunks of MAX_ROWS, then the rest by powers of two
 * (300 rows → 256 + 32 + 8 + 4). A batch's row counts vary; these few shapes do not, so each
 * statement's text is built once and SQLite's statement cache prepares it once.
 */
export function chunkSizes(n: number): number[] {
  const sizes: number[] = [];
  for (; n >= MAX_ROWS; n -= MAX_ROWS) sizes.push(MAX_ROWS);
  for (let size = MAX_ROWS / 2; size >= 1; size /= 2) {
    if (n >= size) {
      sizes.push(size);
      n -= size;
    }
  }
  return sizes;
}

const texts = new Map<string, string>();

function textOf<T>(statement: BulkStatement<T>, rows: number, postgres: boolean): string {
  const key = `${statement.name}\n${rows}\n${postgres ? 'pg' : 'sqlite'}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const cells = statement.columns.map((type) => {
        const placeholder = postgres ? `$${++n}` : '?';
        return type === null ? placeholder : `cast(${placeholder} as ${type})`;
      });
      tuples.push(`(${cells.join(', ')})`);
    }
    text = statement.text(tuples.join(', '));
    texts.set(key, text);
  }
  return text;
}

/**
 * Runs the statement over all items, in as few statements as the chunk sizes allow, and answers
 * the rows they return. The SQL is handed to the engine as written: Kysely's per-call query
 * building was a sixth of a batch's time, for text that only depends on the row count.
 */
export async function runBulk<T, R = unknown>(db: Db, statement: BulkStatement<T>, items: readonly T[]): Promise<R[]> {
  const postgres = isPostgres(db);
  const out: R[] = [];
  let at = 0;
  for (const size of chunkSizes(items.length)) {
    const parameters: unknown[] = [];
    for (let i = at; i < at + size; i++) for (const value of statement.values(items[i])) parameters.push(value);
    at += size;
    const result = await db.executeQuery<R>(CompiledQuery.raw(textOf(statement, size, postgres), parameters));
    for (const row of result.rows) out.push(row);
  }
  return out;
}
