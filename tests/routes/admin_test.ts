import assert from "node:assert/strict";
import { loadSampleSet, WORKED_R1, workedExample } from "../helpers/fixtures.ts";
import { tableCounts } from "../helpers/stored.ts";
import { dbTest } from "../helpers/test_db.ts";
import { ADMIN_TOKEN, testApp } from "../helpers/test_app.ts";
import { DEFAULT_INGEST_SETTINGS } from "../../ingest/context.ts";
import { createApp } from "../../routes/app.ts";

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

dbTest(
  "the admin API refuses a wrong token, and answers 403 while ADMIN_TOKEN is unset",
  async (db) => {
    const t = await testApp(db);
    const wrong = await t.app.request("/api/v1/admin/servers", {
      headers: { authorization: "Bearer nope" },
    });
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.json()).error.code, "invalid_admin_token");
    const disabled = createApp({
      db,
      version: "t",
      ingest: DEFAULT_INGEST_SETTINGS,
      adminToken: null,
      now: Date.now,
    });
    const res = await disabled.request("/api/v1/admin/servers", { headers: admin });
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.code, "admin_disabled");
  },
);

dbTest(
  "an admin creates a game server and its token; the token uploads; tokens can be revoked",
  async (db) => {
    const t = await testApp(db);
    const created = await t.app.request("/api/v1/admin/servers", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ name: "eu-1", timeZone: "Europe/Paris" }),
    });
    assert.equal(created.status, 201);
    const body = await created.json();
    assert.equal(body.server.name, "eu-1");
    assert.equal(body.server.timeZone, "Europe/Paris");
    assert.match(body.token, /^etl_\d+_/);
    const upload = await t.upload(WORKED_R1, workedExample(WORKED_R1), {
      authorization: `Bearer ${body.token}`,
    });
    assert.equal(upload.status, 201);

    const list = await (await t.app.request("/api/v1/admin/servers", { headers: admin })).json();
    const eu = list.items.find((s: { name: string }) => s.name === "eu-1");
    assert.deepEqual([eu.activeTokens, eu.rawFiles], [1, 1]);

    const again = await t.app.request("/api/v1/admin/servers", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ name: "eu-1" }),
    });
    assert.equal(again.status, 409);
    for (const bad of ['{"name":"x","timeZone":"Mars/Olympus"}', '{"name":""}', "not json"]) {
      const res = await t.app.request("/api/v1/admin/servers", {
        method: "POST",
        headers: admin,
        body: bad,
      });
      assert.equal(res.status, 400, bad);
    }

    const second = await t.app.request(`/api/v1/admin/servers/${body.server.id}/tokens`, {
      method: "POST",
      headers: admin,
    });
    assert.equal(second.status, 201);
    const revoked = await t.app.request(`/api/v1/admin/servers/${body.server.id}/tokens`, {
      method: "DELETE",
      headers: admin,
    });
    assert.equal((await revoked.json()).revoked, 2);
    const refused = await t.upload(
      "2025-11-14-213845-etl_supply-round-2.txt",
      new Uint8Array([1]),
      {
        authorization: `Bearer ${body.token}`,
      },
    );
    assert.equal(refused.status, 401);
    assert.equal(
      (await t.app.request("/api/v1/admin/servers/999/tokens", { method: "POST", headers: admin }))
        .status,
      404,
    );
  },
);

dbTest(
  "excluding a map makes its rounds stop counting and re-scores its sessions; including it restores them",
  async (db) => {
    const t = await testApp(db);
    const { truth, bytes } = loadSampleSet("clean");
    for (const file of truth.files) await t.upload(file.file, bytes.get(file.file)!);
    const before = await tableCounts(db);
    const goldrushRounds = truth.files.filter((f) => f.map === "goldrush").length;
    const scoreBefore = (await t.get("/api/v1/sessions?limit=10")).body.items.map((
      s: { teams: { A: { score: number } } },
    ) => s.teams.A.score);

    const excluded = await t.app.request("/api/v1/admin/excluded-maps", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ map: "GoldRush" }),
    });
    assert.equal(excluded.status, 201);
    assert.equal((await excluded.json()).rederivedSessions, 2);
    assert.equal((await tableCounts(db)).counted_rounds, before.counted_rounds! - goldrushRounds);
    const first = (await t.get("/api/v1/sessions?limit=10")).body.items.at(-1);
    const otherMaps = truth.sessions[0]!.maps.filter((m) => m.map !== "goldrush").length;
    assert.equal(
      first.teams.A.score + first.teams.B.score,
      2 * otherMaps,
      "only non-goldrush maps score",
    );
    const listed = await (await t.app.request("/api/v1/admin/excluded-maps", { headers: admin }))
      .json();
    assert.deepEqual(listed.items.map((i: { map: string }) => i.map), ["goldrush"]);
    assert.deepEqual(listed.configured, ["mp_sillyctf"]);

    const included = await t.app.request("/api/v1/admin/excluded-maps/goldrush", {
      method: "DELETE",
      headers: admin,
    });
    assert.equal(included.status, 200);
    assert.equal((await tableCounts(db)).counted_rounds, before.counted_rounds);
    assert.deepEqual(
      (await t.get("/api/v1/sessions?limit=10")).body.items.map((
        s: { teams: { A: { score: number } } },
      ) => s.teams.A.score),
      scoreBefore,
    );
    const configured = await t.app.request("/api/v1/admin/excluded-maps/mp_sillyctf", {
      method: "DELETE",
      headers: admin,
    });
    assert.equal(configured.status, 409);
    const missing = await t.app.request("/api/v1/admin/excluded-maps/radar", {
      method: "DELETE",
      headers: admin,
    });
    assert.equal(missing.status, 404);
  },
);

dbTest(
  "POST /api/v1/admin/rebuild rebuilds from the raw files and reports what it did",
  async (db) => {
    const t = await testApp(db);
    await t.upload(WORKED_R1, workedExample(WORKED_R1));
    const res = await t.app.request("/api/v1/admin/rebuild", { method: "POST", headers: admin });
    assert.equal(res.status, 200);
    const summary = await res.json();
    assert.deepEqual([summary.rawFiles, summary.rounds, summary.failed], [1, 1, 0]);
    assert.equal((await tableCounts(db)).rounds, 1);
  },
);
