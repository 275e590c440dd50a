/**
 * Real databases for tests: every database test runs on PGlite, and again on PostgreSQL when
 * `DATABASE_URL` is set (CI sets it). Each test gets an empty, migrated database of its own:
 * PGlite (one instance per test file) recreates its schema, Postgres gets a fresh schema.
 */
import { type Db, openDb } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";

export type Engine = "pglite" | "postgres";

const DATABASE_URL = Deno.env.get("DATABASE_URL");

/** The engines this run tests against. */
export const ENGINES: readonly Engine[] = DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

let sharedPglite: Promise<Db> | null = null;

async function freshPglite(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  sharedPglite ??= openDb({});
  const db = await sharedPglite;
  await db.exec(
    "drop schema if exists public cascade; create schema public; set search_path to public",
  );
  await migrate(db);
  // The instance outlives the test; closing a test's handle does nothing.
  return { db: { ...db, close: async () => {} }, cleanup: async () => {} };
}

async function freshPostgres(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const schema = `test_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const admin = await openDb({ databaseUrl: DATABASE_URL!, maxConnections: 1 });
  await admin.exec(`create schema ${schema}`);
  const db = await openDb({ databaseUrl: DATABASE_URL!, schema, maxConnections: 8 });
  await migrate(db);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await admin.exec(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}

/** A fresh, migrated database on `engine`, released by `cleanup`. */
export function freshDb(engine: Engine): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  return engine === "pglite" ? freshPglite() : freshPostgres();
}

/** Registers `fn` once per engine, each run on its own fresh database. */
export function dbTest(name: string, fn: (db: Db, engine: Engine) => Promise<void>): void {
  for (const engine of ENGINES) {
    Deno.test({
      name: `[${engine}] ${name}`,
      // postgres.js keeps pool timers; each test closes its pool itself.
      sanitizeOps: false,
      sanitizeResources: false,
      fn: async () => {
        const { db, cleanup } = await freshDb(engine);
        try {
          await fn(db, engine);
        } finally {
          await cleanup();
        }
      },
    });
  }
}
