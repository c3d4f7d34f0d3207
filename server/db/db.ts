/**
 * The one storage seam of HQ. Both stores speak the same SQL (PostgreSQL's), so every
 * query in server/ is written once; the store only decides where it runs.
 */
export type StoreKind = 'pglite' | 'postgres';

export type Row = object;

export interface Queryable {
  /** One statement with `$1…` parameters. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A parameterless script of several statements (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: StoreKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreOptions =
  /** `dataDir` undefined: in memory (tests). */
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; maxConnections?: number };

export async function openStore(options: StoreOptions): Promise<Db> {
  if (options.kind === 'postgres') {
    const { openPostgres } = await import('./postgres-store');
    return openPostgres(options.url, options.maxConnections);
  }
  const { openPglite } = await import('./pglite-store');
  return openPglite(options.dataDir);
}

/** Describes a store for logs without printing a password from a connection URL. */
export function describeStore(options: StoreOptions): string {
  if (options.kind === 'pglite') return `store=pglite, data=${options.dataDir ?? 'memory'}`;
  try {
    const url = new URL(options.url);
    return `store=postgres, db=${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'store=postgres';
  }
}
