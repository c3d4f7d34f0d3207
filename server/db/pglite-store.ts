import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db';

/**
 * PGlite already returns int8 as numbers; `date` is kept as its YYYY-MM-DD text so that
 * both stores hand the same values to the code above them.
 */
const parsers = { [types.DATE]: (value: string) => value };

/**
 * Large text and json parameters travel as UTF-8 bytes in the binary format, which
 * PostgreSQL's text and json receive functions read as they are. As a string, PGlite
 * measures a parameter's UTF-8 length in a JavaScript loop, twice, before encoding it:
 * for a push's 600 KB of records that cost several milliseconds. (PGlite sends any
 * Uint8Array a serializer returns as a binary parameter; its types say string.)
 */
const BINARY_FROM_CHARS = 16 * 1024;
function largeAsBytes(oid: number): (value: unknown) => string {
  const usual = types.serializers[oid];
  return (value) => {
    const bytes: unknown = typeof value === 'string' && value.length >= BINARY_FROM_CHARS ? Buffer.from(value, 'utf8') : null;
    if (bytes !== null) return bytes as string;
    return usual === undefined ? String(value) : usual(value);
  };
}
const serializers = { [types.TEXT]: largeAsBytes(types.TEXT), [types.JSON]: largeAsBytes(types.JSON) };

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir === undefined ? { parsers, serializers } : { dataDir, parsers, serializers });
  const root = wrap(pg);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}
