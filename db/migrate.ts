/**
 * Applies the numbered `.sql` files of `db/migrations/` in order, at start-up, in one transaction
 * that holds an advisory lock: two instances starting at once apply each migration exactly once.
 */
import type { Db } from "./client.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
const LOCK_KEY = 7_315_2025;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migration files, ordered by their number (`0001_schema.sql` → version 1). */
export async function loadMigrations(): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for await (const entry of Deno.readDir(MIGRATIONS_DIR)) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(entry.name);
    if (!entry.isFile || !match) continue;
    migrations.push({
      version: Number(match[1]),
      name: entry.name,
      sql: await Deno.readTextFile(new URL(entry.name, MIGRATIONS_DIR)),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`two migrations share version ${migrations[i]!.version}`);
    }
  }
  return migrations;
}

/** Brings the schema up to date; returns the version reached and the migrations applied now. */
export async function migrate(
  db: Db,
  migrations?: Migration[],
): Promise<{ version: number; applied: string[] }> {
  const all = migrations ?? await loadMigrations();
  return await db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>("select version from schema_migrations"))
        .map((row) => row.version),
    );
    const applied: string[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query("insert into schema_migrations (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.name);
    }
    return { version: all.at(-1)?.version ?? 0, applied };
  });
}

/** The highest applied migration version (0 when none). */
export async function schemaVersion(db: Db): Promise<number> {
  const rows = await db.query<{ version: number | null }>(
    "select max(version)::int as version from schema_migrations",
  );
  return rows[0]?.version ?? 0;
}
