import assert from "node:assert/strict";
import { WORKED_R1, workedExample } from "../helpers/fixtures.ts";
import { testApp } from "../helpers/test_app.ts";
import { dbTest } from "../helpers/test_db.ts";
import { withHarness } from "./discord/discord_harness.ts";

/** The value of one sample line of the exposition, 0 when absent. */
function sample(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

async function scrape(app: { request(path: string): Response | Promise<Response> }) {
  const res = await app.request("/metrics");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  return await res.text();
}

dbTest(
  "GET /metrics counts uploads by outcome, import time, requests and card renders",
  async (db) => {
    const t = await testApp(db);
    const before = await scrape(t.app);
    assert.equal((await t.upload(WORKED_R1, workedExample(WORKED_R1))).status, 201);
    assert.equal((await t.upload(WORKED_R1, workedExample(WORKED_R1))).status, 200);
    assert.equal((await t.upload("not-a-stats-file.txt", new Uint8Array([1]))).status, 400);
    assert.equal((await t.app.request("/cards/leaderboard/kills.png?period=7d")).status, 200);
    const after = await scrape(t.app);

    const delta = (line: string) => sample(after, line) - sample(before, line);
    assert.equal(delta('etl_uploads_total{outcome="imported"}'), 1);
    assert.equal(delta('etl_uploads_total{outcome="duplicate"}'), 1);
    assert.equal(delta('etl_uploads_total{outcome="invalid_file_name"}'), 1);
    assert.equal(delta("etl_import_duration_seconds_count"), 3);
    assert.ok(delta('etl_http_requests_total{method="POST",status="201"}') >= 1);
    assert.match(after, /# TYPE etl_card_render_duration_seconds histogram/);
    assert.match(
      after,
      /etl_card_render_duration_seconds_bucket\{card="leaderboard",backend="\w+",le="\+Inf"\} \d+/,
    );
  },
);

dbTest("every response carries a request id; a sane incoming id is kept", async (db) => {
  const t = await testApp(db);
  const own = await t.app.request("/health");
  assert.match(own.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
  const kept = await t.app.request("/health", { headers: { "x-request-id": "proxy-42" } });
  assert.equal(kept.headers.get("x-request-id"), "proxy-42");
  const replaced = await t.app.request("/health", { headers: { "x-request-id": "bad id\n" } });
  assert.notEqual(replaced.headers.get("x-request-id"), "bad id\n");
});

dbTest("Discord interactions are counted by type and command", async (db) => {
  await withHarness(db, {}, async (h) => {
    const before = await scrape(h.t.app);
    await h.command("help");
    await h.command("help");
    await h.command("nosuchcommand");
    await h.autocomplete("stats", ["player", "x"]);
    const after = await scrape(h.t.app);
    const delta = (line: string) => sample(after, line) - sample(before, line);
    assert.equal(delta('etl_discord_interactions_total{type="command",command="help"}'), 2);
    assert.equal(delta('etl_discord_interactions_total{type="command",command="unknown"}'), 1);
    assert.equal(delta('etl_discord_interactions_total{type="autocomplete",command="stats"}'), 1);
  });
});
