/** Uploads with `X-Etl-Round-Meta`: stored with the raw file, preferred for timing and scoring. */
import assert from "node:assert/strict";
import { encodeRoundMetaHeader } from "../../domain/round_meta.ts";
import { signUpload } from "../../ingest/auth.ts";
import { WORKED_R1, WORKED_R2, workedExample } from "../helpers/fixtures.ts";
import { tableCounts } from "../helpers/stored.ts";
import { dbTest } from "../helpers/test_db.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "../helpers/test_app.ts";

const FOXTROT = "3F2A9C1D";
const B0B = "B07E44A2";

/** Round 1: Allies complete the objective; the game measured 612 s with 42 s paused = 570 s. */
const R1_META = encodeRoundMetaHeader({
  version: 1,
  map: "etl_supply",
  round: 1,
  startedAt: "2025-11-14T20:20:00Z",
  endedAt: "2025-11-14T20:30:12Z",
  pausedSeconds: 42,
  endReason: "objective",
  winner: "allies",
});

/** Round 2: the attacking Allies surrender after 120 s, so Axis wins the round and the map. */
const R2_META = encodeRoundMetaHeader({
  version: 1,
  map: "etl_supply",
  round: 2,
  startedAt: "2025-11-14T20:33:00Z",
  endedAt: "2025-11-14T20:35:00Z",
  pausedSeconds: 0,
  endReason: "surrender",
  surrenderedBy: "allies",
  winner: "axis",
});

async function uploadWorked(t: TestApp, metas: { r1?: string; r2?: string } = {}) {
  for (const [name, meta] of [[WORKED_R1, metas.r1], [WORKED_R2, metas.r2]] as const) {
    const res = await t.upload(name, workedExample(name), meta ? { "x-etl-round-meta": meta } : {});
    assert.equal(res.status, 201, `${name}: ${await res.clone().text()}`);
  }
}

async function workedRounds(t: TestApp) {
  const session = (await t.get("/api/v1/sessions/latest")).body;
  const map = session.maps[0];
  const teamOf = (guid: string) =>
    ["A", "B"].find((team) =>
      session.teams[team].players.some((p: { guid: string }) => p.guid === guid)
    );
  const [r1, r2] = map.rounds;
  return { map, r1, r2, foxtrot: teamOf(FOXTROT), b0b: teamOf(B0B) };
}

function signedHeaders(t: TestApp, name: string, body: Uint8Array, meta: string | null) {
  const ts = Math.floor(t.clock.now / 1000);
  return {
    "x-etl-token-id": t.token.split("_")[1]!,
    "x-etl-timestamp": String(ts),
    "x-etl-signature": signUpload(t.token, ts, name, body, meta),
    "x-stats-filename": name,
    "content-type": "application/octet-stream",
  };
}

function post(t: TestApp, headers: Record<string, string>, body: Uint8Array) {
  return t.app.request("/api/v1/stats-files", {
    method: "POST",
    headers,
    body: body as Uint8Array<ArrayBuffer>,
  });
}

dbTest(
  "without meta the worked example is timed by its header and won by b0b's team",
  async (db) => {
    const t = await testApp(db);
    await uploadWorked(t);
    const { map, r1, r2, b0b } = await workedRounds(t);
    assert.equal(r1.durationSeconds, 581);
    assert.equal(r2.durationSeconds, 425);
    assert.equal(r2.winnerTeam, 2);
    assert.equal(map.winner, b0b);
    assert.equal(map.decidedBy, "round_two_winner");
  },
);

dbTest("with meta the worked example is timed and scored from the meta", async (db) => {
  const t = await testApp(db);
  await uploadWorked(t, { r1: R1_META, r2: R2_META });
  const { map, r1, r2, foxtrot } = await workedRounds(t);
  assert.equal(r1.durationSeconds, 570, "612 s − 42 s paused");
  assert.equal(r1.outcome, "Completed");
  assert.equal(r2.durationSeconds, 120);
  assert.equal(r2.outcome, "Fullhold", "the attackers surrendered");
  assert.equal(r2.winnerTeam, 1, "the game's winner: Axis");
  assert.equal(map.winner, foxtrot, "FoxTrot's team defended as Axis in Round 2");

  const detail = (await t.get(`/api/v1/rounds/${r1.id}`)).body;
  assert.equal(detail.durationSeconds, 570);
  assert.equal(detail.timeToBeatSeconds, 581, "the engine's clock still sets Round 2's limit");
  const stored = await db.query<{ meta: { endReason: string; pausedSeconds: number } }>(
    "select round_meta as meta from raw_files where id = $1",
    [r1.id],
  );
  assert.equal(stored[0]!.meta.endReason, "objective");
  assert.equal(stored[0]!.meta.pausedSeconds, 42);
});

dbTest("a rebuild applies the stored meta again", async (db) => {
  const t = await testApp(db);
  await uploadWorked(t, { r1: R1_META, r2: R2_META });
  const before = await workedRounds(t);
  const res = await t.app.request("/api/v1/admin/rebuild", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  assert.equal(res.status, 200, await res.clone().text());
  const after = await workedRounds(t);
  assert.equal(after.r1.durationSeconds, 570);
  assert.equal(after.r2.durationSeconds, 120);
  assert.equal(after.r2.winnerTeam, 1);
  assert.equal(after.map.winner, before.foxtrot);
});

dbTest("a bad meta header answers 400 invalid_round_meta and stores nothing", async (db) => {
  const t = await testApp(db);
  const cases = [
    "%%%",
    encodeRoundMetaHeader({ version: 1, endReason: "rage_quit" }),
    encodeRoundMetaHeader({ version: 1, endReason: "objective", map: "radar" }),
    encodeRoundMetaHeader({ version: 1, endReason: "objective", round: 2 }),
  ];
  for (const meta of cases) {
    const res = await t.upload(WORKED_R1, workedExample(WORKED_R1), { "x-etl-round-meta": meta });
    assert.equal(res.status, 400, meta);
    const body = await res.json();
    assert.equal(body.error.code, "invalid_round_meta");
    assert.match(body.error.message, /X-Etl-Round-Meta/);
  }
  assert.equal((await tableCounts(db)).raw_files, 0);
});

dbTest("a signature covers the meta header when one is sent", async (db) => {
  const t = await testApp(db);
  const body = workedExample(WORKED_R1);

  const unsignedMeta = { ...signedHeaders(t, WORKED_R1, body, null), "x-etl-round-meta": R1_META };
  let res = await post(t, unsignedMeta, body);
  assert.equal(res.status, 401, "meta added to a request signed without it");
  assert.equal((await res.json()).error.code, "invalid_signature");

  const tampered = {
    ...signedHeaders(t, WORKED_R1, body, R1_META),
    "x-etl-round-meta": R2_META,
  };
  res = await post(t, tampered, body);
  assert.equal(res.status, 401, "meta swapped after signing");

  // The v2 message cannot pass as a plain one whose body starts with the meta.
  const ts = Math.floor(t.clock.now / 1000);
  const smuggled = new TextEncoder().encode(`${R1_META}\n`);
  const forged = new Uint8Array([...smuggled, ...body]);
  const v2 = signUpload(t.token, ts, WORKED_R1, body, R1_META);
  res = await post(
    t,
    { ...signedHeaders(t, WORKED_R1, forged, null), "x-etl-signature": v2 },
    forged,
  );
  assert.equal(res.status, 401, "a v2 signature replayed without the meta header");
  assert.equal((await tableCounts(db)).raw_files, 0);

  res = await post(t, {
    ...signedHeaders(t, WORKED_R1, body, R1_META),
    "x-etl-round-meta": R1_META,
  }, body);
  assert.equal(res.status, 201, await res.clone().text());
  res = await post(
    t,
    signedHeaders(t, WORKED_R2, workedExample(WORKED_R2), null),
    workedExample(WORKED_R2),
  );
  assert.equal(res.status, 201, "a signed upload without meta works as before");
  const { r1 } = await workedRounds(t);
  assert.equal(r1.durationSeconds, 570);
});
