import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

// The generator is a build script (plain JS, run by `npm run openapi:metadata`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { wireSchemas } = require('../../server/scripts/wire-schemas.js') as {
  wireSchemas: (program: ts.Program, dir: string) => Record<string, { component: string; schema: Record<string, unknown> }>;
};

/** The generator run over one shared/ folder holding `files`. */
function generate(files: Record<string, string>) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'wire-')));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const program = ts.createProgram(
      Object.keys(files).map((name) => join(dir, name)),
      { strict: true, noEmit: true },
    );
    return wireSchemas(program, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BOARD = `
/** An ISO 8601 instant. */
export type Instant = string;
export type Kind = 'departure' | 'arrival';
/** A row. */
export interface Row {
  /** @example "ic3" */
  id: string;
  kind: Kind;
  /** When it leaves. */
  at: Instant;
  expected: Instant | null;
  note?: string;
  owner: Owner | null;
  texts: Record<string, string[]>;
}
export interface Owner { kind: Row['kind'] | 'system'; name: string }
export interface Page extends Position { rows: Row[] }
export interface Position { seq: number }
`;

describe('wire schemas from shared/ types', () => {
  it('describes a type as the document needs it: docs, examples, date-times, nullable references, enums, required', () => {
    const { Row, Owner, Page } = generate({ 'board.ts': BOARD });
    expect(Row.component).toBe('RowDto');
    expect(Row.schema).toEqual({
      type: 'object',
      description: 'A row.',
      required: ['id', 'kind', 'at', 'expected', 'owner', 'texts'],
      properties: {
        id: { type: 'string', example: 'ic3' },
        kind: { type: 'string', enum: ['departure', 'arrival'] },
        at: { type: 'string', format: 'date-time', description: 'When it leaves.' },
        expected: { type: 'string', format: 'date-time', nullable: true },
        note: { type: 'string' },
        owner: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/OwnerDto' }] },
        texts: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
    });
    // A named enum joined with a literal is one enum; inherited fields come first.
    expect((Owner.schema.properties as Record<string, unknown>).kind).toEqual({ type: 'string', enum: ['departure', 'arrival', 'system'] });
    expect(Object.keys(Page.schema.properties as object)).toEqual(['seq', 'rows']);
  });

  it('refuses a type the document cannot describe, naming the type and the field', () => {
    expect(() => generate({ 'board.ts': 'export interface Clock { now: () => number }' })).toThrow(
      /board\.ts: Clock: now: a type the document cannot describe/,
    );
  });
});
