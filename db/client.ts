/**
 * One database interface over two engines: postgres.js against `DATABASE_URL`, or PGlite (embedded
 * Postgres) in a directory or in memory. Same SQL, same `$1` parameters, same result types:
 * int8/numeric come back as numbers, `date` as `YYYY-MM-DD`, `timestamp` as
 * `YYYY-MM-DDTHH:MM:SS` and `timestamptz` as an ISO string in UTC.
 */
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

export type Row = Record<string, unknown>;

/** One SQL statement with its `$1`… parameters. */
export interface Statement {
  text: string;
  params?: readonly unknown[];
}

/** A connection (or a transaction on one). */
export interface Db {
  readonly engine: "postgres" | "pglite";
  /** Runs one statement with `$1`… parameters and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs statements in one round trip (their parameters inlined as literals) and returns the rows
   * of the last one. A round trip costs far more than a small statement, so the write path sends
   * its statements together this way.
   */
  script<T = Row>(statements: readonly Statement[]): Promise<T[]>;
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` (or absent) keeps the database in memory. */
  dataDir?: string;
  /** Schema to use instead of `public` (tests isolate themselves this way). */
  schema?: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
}

function dollarQuote(text: string): string {
  let tag = "q";
  for (let n = 0; text.includes(`$${tag}$`); n++) tag = `q${n}`;
  return `$${tag}$${text}$${tag}$`;
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `"${String(value).replace(/[\\"]/g, "\\$&")}"`;
}

/** A parameter as an SQL literal (strings dollar-quoted with a tag they do not contain). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot inline the number ${value}`);
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return dollarQuote(value);
  if (value instanceof Uint8Array) {
    return `'\\x${Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("")}'::bytea`;
  }
  if (Array.isArray(value)) return dollarQuote(`{${value.map(arrayElement).join(",")}}`);
  throw new Error(`cannot inline a ${typeof value} parameter`);
}

/** Statements joined into one script, parameters inlined. */
export function inlineScript(statements: readonly Statement[]): string {
  return statements
    .map(({ text, params = [] }) =>
      text.replace(/\$(\d+)/g, (_, n: string) => {
        const index = Number(n) - 1;
        if (index >= params.length) throw new Error(`statement has no parameter $${n}`);
        return sqlLiteral(params[index]);
      })
    )
    .join(";\n");
}

/** The last statement's rows of a postgres.js multi-statement result (its nesting varies). */
function lastRows(result: unknown): Row[] {
  const list = result as unknown[];
  if (list.length > 0 && Array.isArray(list[0])) return [...(list.at(-1) as Row[])];
  return [...(list as Row[])];
}

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

function isoUtc(text: string): string {
  // With TimeZone = UTC, timestamptz text is `YYYY-MM-DD HH:MM:SS[.ffffff]+00`.
  return text.replace(" ", "T").replace(/\+00(:00)?$/, "Z");
}

const parseTimestamp = (text: string) => text.replace(" ", "T");

/** Opens the database named by the options. */
export function openDb(options: OpenOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Db> {
  const identity = (text: string) => text;
  const sql = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connection: {
      TimeZone: "UTC",
      application_name: "etl-stats",
      ...(options.schema ? { search_path: options.schema } : {}),
    },
    types: {
      int8: { to: OID.int8, from: [OID.int8], parse: Number, serialize: String },
      numeric: { to: OID.numeric, from: [OID.numeric], parse: Number, serialize: String },
      date: { to: OID.date, from: [OID.date], parse: identity, serialize: String },
      timestamp: {
        to: OID.timestamp,
        from: [OID.timestamp],
        parse: parseTimestamp,
        serialize: String,
      },
      timestamptz: {
        to: OID.timestamptz,
        from: [OID.timestamptz],
        parse: isoUtc,
        serialize: String,
      },
    },
  });
  // deno-lint-ignore no-explicit-any
  const wrap = (conn: any): Db => ({
    engine: "postgres",
    async query<T>(text: string, params: readonly unknown[] = []) {
      return [...(await conn.unsafe(text, params as unknown[]))] as T[];
    },
    async exec(script: string) {
      await conn.unsafe(script);
    },
    async script<T>(statements: readonly Statement[]) {
      if (statements.length === 0) return [];
      return lastRows(await conn.unsafe(inlineScript(statements))) as T[];
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (conn.savepoint) return conn.savepoint((tx: unknown) => fn(wrap(tx)));
      return conn.begin((tx: unknown) => fn(wrap(tx))) as Promise<T>;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  });
  const db = wrap(sql);
  await db.query("select 1");
  return db;
}

/** Serialises access: PGlite has one session, so a transaction must own it until it ends. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(() => {}, () => {});
    return result;
  }
}

async function openPglite(options: OpenOptions): Promise<Db> {
  const dataDir = options.dataDir && options.dataDir !== "memory://" ? options.dataDir : undefined;
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: {
      [OID.int8]: Number,
      [OID.numeric]: Number,
      [OID.date]: (text: string) => text,
      [OID.timestamp]: parseTimestamp,
      [OID.timestamptz]: isoUtc,
    },
  });
  await pg.exec("set time zone 'UTC'");
  if (options.schema) {
    await pg.exec(
      `create schema if not exists "${options.schema}"; set search_path to "${options.schema}"`,
    );
  }
  const mutex = new Mutex();
  // deno-lint-ignore no-explicit-any
  const wrapTx = (tx: any): Db => ({
    engine: "pglite",
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await tx.query(text, params as unknown[])).rows as T[];
    },
    async exec(script: string) {
      await tx.exec(script);
    },
    async script<T>(statements: readonly Statement[]) {
      if (statements.length === 0) return [];
      const results = await tx.exec(inlineScript(statements));
      return (results.at(-1)?.rows ?? []) as T[];
    },
    async transaction<T>(fn: (inner: Db) => Promise<T>): Promise<T> {
      // Nested: a savepoint inside the running transaction.
      const name = `sp_${crypto.randomUUID().replaceAll("-", "")}`;
      await tx.exec(`savepoint ${name}`);
      try {
        const result = await fn(wrapTx(tx));
        await tx.exec(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await tx.exec(`rollback to savepoint ${name}`);
        throw error;
      }
    },
    close: () => Promise.reject(new Error("close the database, not a transaction")),
  });
  return {
    engine: "pglite",
    query: <T>(text: string, params: readonly unknown[] = []) =>
      mutex.run(async () => (await pg.query(text, params as unknown[])).rows as T[]),
    exec: (script: string) => mutex.run(async () => void (await pg.exec(script))),
    script: <T>(statements: readonly Statement[]) =>
      mutex.run(async () => {
        if (statements.length === 0) return [];
        const results = await pg.exec(inlineScript(statements));
        return (results.at(-1)?.rows ?? []) as T[];
      }),
    transaction: <T>(fn: (tx: Db) => Promise<T>) =>
      mutex.run(() => pg.transaction((tx) => fn(wrapTx(tx)))),
    close: () => mutex.run(() => pg.close()),
  };
}
