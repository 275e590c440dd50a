import assert from "node:assert/strict";
import { DEFAULT_INGEST_SETTINGS, loadIngestContext } from "../../ingest/context.ts";
import { ingestFiles } from "../../ingest/pipeline.ts";
import { rebuild } from "../../ingest/rebuild.ts";
import { loadSampleSet } from "../helpers/fixtures.ts";
import { derivedSnapshot } from "../helpers/snapshot.ts";
import { dbTest } from "../helpers/test_db.ts";
import { testApp } from "../helpers/test_app.ts";

dbTest("rebuild recomputes every derived row identically from the raw files alone", async (db) => {
  const t = await testApp(db);
  const context = await loadIngestContext(db, DEFAULT_INGEST_SETTINGS);
  const server = { id: t.serverId, timeZone: "Europe/Berlin" };
  for (const set of ["edge", "clean"] as const) {
    const { truth, bytes } = loadSampleSet(set);
    // Newest first: every Round 2 arrives as an orphan and is repaired later.
    for (const file of [...truth.files].reverse()) {
      await ingestFiles(
        db,
        server,
        [{ fileName: file.file, bytes: bytes.get(file.file)! }],
        context,
      );
    }
  }
  const before = await derivedSnapshot(db);
  assert.equal(before.rounds!.length, 51);
  const summary = await rebuild(db, context);
  assert.equal(summary.rounds, 51);
  assert.equal(summary.failed, 0);
  const after = await derivedSnapshot(db);
  for (const table of Object.keys(before)) assert.deepEqual(after[table], before[table], table);
});

dbTest(
  "arrival order does not matter: newest-first and oldest-first imports give the same state",
  async (db) => {
    const t = await testApp(db);
    const context = await loadIngestContext(db, DEFAULT_INGEST_SETTINGS);
    const server = { id: t.serverId, timeZone: "Europe/Berlin" };
    const { truth, bytes } = loadSampleSet("clean");
    const files = truth.files.map((f) => ({ fileName: f.file, bytes: bytes.get(f.file)! }));
    for (const file of [...files].reverse()) await ingestFiles(db, server, [file], context);
    const newestFirst = await derivedSnapshot(db);
    await rebuild(db, context);
    const rebuilt = await derivedSnapshot(db);
    for (const table of Object.keys(newestFirst)) {
      assert.deepEqual(rebuilt[table], newestFirst[table], table);
    }
    // The samples' three sessions keep their keys however the files arrived.
    assert.deepEqual(
      (newestFirst.sessions as { session_key: string }[]).map((s) => s.session_key).sort(),
      ["2025-09-04-211830", "2025-09-05-232349", "2025-09-09-000936"],
    );
  },
);

dbTest("a raw file that did not parse stays stored as failed through a rebuild", async (db) => {
  const t = await testApp(db);
  const res = await t.upload(
    "2025-11-14-213012-etl_supply-round-1.txt",
    new TextEncoder().encode("x\n"),
  );
  assert.equal(res.status, 422);
  const summary = await rebuild(db, await loadIngestContext(db, DEFAULT_INGEST_SETTINGS));
  assert.deepEqual([summary.rawFiles, summary.failed, summary.rounds], [1, 1, 0]);
  const [raw] = await db.query<{ status: string }>("select status from raw_files");
  assert.equal(raw!.status, "failed");
});
