import assert from "node:assert/strict";
import { openDb } from "../../db/client.ts";
import { loadMigrations } from "../../db/migrate.ts";
import { DEFAULT_INGEST_SETTINGS } from "../../ingest/context.ts";
import { createApp } from "../../routes/app.ts";
import { dbTest } from "../helpers/test_db.ts";
import { testApp } from "../helpers/test_app.ts";

dbTest("GET /health reports the database and the migration version", async (db) => {
  const t = await testApp(db);
  const { status, body } = await t.get("/health");
  assert.equal(status, 200);
  assert.equal(body.status, "ok");
  assert.equal(body.database.reachable, true);
  assert.equal(body.database.migrationVersion, (await loadMigrations()).at(-1)!.version);
});

dbTest("an unknown route answers 404 with a JSON error", async (db) => {
  const t = await testApp(db);
  const { status, body } = await t.get("/nowhere");
  assert.equal(status, 404);
  assert.equal(body.error.code, "not_found");
});

Deno.test("GET /health answers 503 when the database is gone", async () => {
  const db = await openDb({});
  await db.close();
  const app = createApp({
    db,
    version: "t",
    ingest: DEFAULT_INGEST_SETTINGS,
    adminToken: null,
    now: Date.now,
  });
  const res = await app.request("/health");
  assert.equal(res.status, 503);
  const body = await res.json();
  assert.equal(body.status, "unavailable");
  assert.equal(body.database.reachable, false);
});
