import assert from "node:assert/strict";
import { loadSampleSet, type Truth } from "../helpers/fixtures.ts";
import { dbTest } from "../helpers/test_db.ts";
import { type TestApp, testApp } from "../helpers/test_app.ts";
import type { Db } from "../../db/client.ts";

async function withCleanSamples(db: Db): Promise<{ t: TestApp; truth: Truth }> {
  const t = await testApp(db);
  const { truth, bytes } = loadSampleSet("clean");
  for (const file of truth.files) {
    const res = await t.upload(file.file, bytes.get(file.file)!);
    assert.equal(res.status, 201);
  }
  return { t, truth };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

dbTest(
  "GET /api/v1/sessions lists sessions newest first with scores and pagination",
  async (db) => {
    const { t, truth } = await withCleanSamples(db);
    const all = await t.get("/api/v1/sessions");
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 3);
    assert.deepEqual(
      all.body.items.map((s: { key: string }) => s.key),
      ["2025-09-09-000936", "2025-09-05-232349", "2025-09-04-211830"],
    );
    const first = all.body.items[2];
    assert.equal(first.roundCount, truth.sessions[0]!.files.length);
    assert.equal(first.playerCount, 6);
    assert.equal(first.mapCount, truth.sessions[0]!.maps.length);
    assert.equal(first.date, "2025-09-04");
    assert.equal(first.teams.A.score + first.teams.B.score, 2 * truth.sessions[0]!.maps.length);
    const page = await t.get("/api/v1/sessions?limit=2");
    assert.equal(page.body.items.length, 2);
    assert.equal(page.body.nextOffset, 2);
    const last = await t.get("/api/v1/sessions?limit=2&offset=2");
    assert.equal(last.body.items.length, 1);
    assert.equal(last.body.nextOffset, null);
    assert.equal((await t.get("/api/v1/sessions?limit=0")).status, 400);
    assert.equal((await t.get("/api/v1/sessions?offset=-1")).status, 400);
  },
);

dbTest(
  "GET /api/v1/sessions/:id has maps with both rounds, winners, rosters and player totals",
  async (db) => {
    const { t, truth } = await withCleanSamples(db);
    const list = await t.get("/api/v1/sessions");
    for (const [index, expected] of truth.sessions.entries()) {
      const id = list.body.items[truth.sessions.length - 1 - index].id;
      const { status, body } = await t.get(`/api/v1/sessions/${id}`);
      assert.equal(status, 200);
      assert.deepEqual(
        body.maps.map((m: { rounds: { fileName: string }[] }) => m.rounds.map((r) => r.fileName)),
        expected.maps.map((m) => [m.r1, m.r2]),
      );
      const teamOf = (guids: string[]) => {
        const teams = new Set(
          guids.map((
            g,
          ) => (body.teams.A.players.some((p: { guid: string }) => p.guid === g) ? "A" : "B")),
        );
        assert.equal(teams.size, 1);
        return [...teams][0];
      };
      expected.maps.forEach((map, m) => {
        const winner = map.winner === "tie"
          ? "draw"
          : teamOf(map.winner === "A" ? map.team_a! : map.team_b!);
        assert.equal(body.maps[m].winner, winner, `${map.r1} winner`);
        assert.equal(body.maps[m].points.A + body.maps[m].points.B, 2);
      });
      assert.equal(
        body.teams.A.score,
        sum(body.maps.map((m: { points: { A: number } }) => m.points.A)),
      );
      // Per-player session totals equal the truth summed over the session's files.
      for (const player of body.players) {
        const files = truth.files.filter((f) =>
          expected.files.includes(f.file) && f.players[player.guid]
        );
        assert.equal(
          player.kills,
          sum(files.map((f) => f.players[player.guid]!.kills)),
          player.guid,
        );
        assert.equal(player.rounds, files.length);
        assert.equal(
          player.damageGiven,
          sum(files.map((f) => f.players[player.guid]!.damage_given as number)),
        );
        assert.ok(player.dpm > 0);
      }
    }
    const latest = await t.get("/api/v1/sessions/latest");
    assert.equal(latest.body.key, "2025-09-09-000936");
  },
);

dbTest(
  "GET /api/v1/rounds/:id has header facts and every player's numbers and weapons",
  async (db) => {
    const { t, truth } = await withCleanSamples(db);
    const session = (await t.get("/api/v1/sessions/latest")).body;
    const roundTwo = session.maps[0].rounds[1];
    const { status, body } = await t.get(`/api/v1/rounds/${roundTwo.id}`);
    assert.equal(status, 200);
    assert.equal(body.round, 2);
    assert.equal(body.roundOneId, session.maps[0].rounds[0].id);
    assert.equal(body.valid ?? body.isValid, true);
    const expected = truth.files.find((f) => f.file === body.fileName)!;
    assert.equal(body.players.length, Object.keys(expected.players).length);
    for (const player of body.players) {
      const truthPlayer = expected.players[player.guid]!;
      assert.equal(player.metrics.kills, truthPlayer.kills);
      assert.equal(player.fields.damageGiven, truthPlayer.damage_given);
      assert.equal(sum(player.weapons.map((w: { kills: number }) => w.kills)), truthPlayer.kills);
    }
    assert.equal((await t.get("/api/v1/rounds/latest")).body.fileName, truth.files.at(-1)!.file);
    assert.equal((await t.get("/api/v1/rounds/999999")).status, 404);
    assert.equal((await t.get("/api/v1/rounds/abc")).status, 400);
  },
);

dbTest("GET /api/v1/players?search= finds by alias (any case) and GUID prefix", async (db) => {
  const { t } = await withCleanSamples(db);
  const byName = await t.get("/api/v1/players?search=trix");
  assert.deepEqual(byName.body.items.map((p: { guid: string }) => p.guid), ["0BBB2599"]);
  assert.equal(byName.body.items[0].name, "Trixie");
  const byGuid = await t.get("/api/v1/players?search=0bbb");
  assert.equal(byGuid.body.items[0].guid, "0BBB2599");
  assert.deepEqual((await t.get("/api/v1/players?search=zzzz")).body.items, []);
  assert.equal((await t.get("/api/v1/players")).status, 400);
});

dbTest(
  "GET /api/v1/players/:guid has lifetime totals, maps, weapons, sessions and aliases",
  async (db) => {
    const { t, truth } = await withCleanSamples(db);
    const guid = "3838B326";
    const { status, body } = await t.get(`/api/v1/players/${guid}`);
    assert.equal(status, 200);
    const rows = truth.files.filter((f) => f.players[guid]).map((f) => f.players[guid]!);
    assert.equal(body.totals.rounds, rows.length);
    assert.equal(body.totals.kills, sum(rows.map((r) => r.kills)));
    assert.equal(body.totals.deaths, sum(rows.map((r) => r.deaths)));
    const seconds = sum(rows.map((r) => r.played_ms / 1000));
    const damage = sum(rows.map((r) => r.damage_given as number));
    assert.ok(Math.abs(body.totals.dpm - (damage * 60) / seconds) < 1, "DPM = Σdamage×60/Σseconds");
    assert.equal(sum(body.weapons.map((w: { kills: number }) => w.kills)), body.totals.kills);
    assert.equal(sum(body.maps.map((m: { rounds: number }) => m.rounds)), body.totals.rounds);
    assert.equal(body.recentSessions.length, 2);
    assert.deepEqual(body.aliases.map((a: { name: string }) => a.name), ["Player26"]);
    assert.equal(
      (await t.get("/api/v1/players/3838b326")).status,
      200,
      "GUIDs are case-insensitive",
    );
    assert.equal((await t.get("/api/v1/players/DEADBEEF")).status, 404);
  },
);

dbTest(
  "read endpoints on an empty database answer 404 with a clear message, lists are empty",
  async (db) => {
    const t = await testApp(db);
    const latest = await t.get("/api/v1/sessions/latest");
    assert.equal(latest.status, 404);
    assert.match(latest.body.error.message, /no session/);
    assert.deepEqual((await t.get("/api/v1/sessions")).body.items, []);
    assert.equal((await t.get("/api/v1/rounds/latest")).status, 404);
  },
);

dbTest(
  "a Round 1 replayed after a roster change counts in careers but not in the session view",
  async (db) => {
    const t = await testApp(db);
    const { WORKED_R1, WORKED_R2, workedExample } = await import("../helpers/fixtures.ts");
    const first = new TextDecoder().decode(workedExample(WORKED_R1));
    // Five minutes later the map is replayed from the start with a third player.
    const newbie = new TextDecoder().decode(workedExample(WORKED_R2)).split("\n")[2]!;
    const replay = `${first.trimEnd()}\n${newbie}\n`;
    assert.equal((await t.upload(WORKED_R1, workedExample(WORKED_R1))).status, 201);
    assert.equal(
      (await t.upload("2025-11-14-213512-etl_supply-round-1.txt", new TextEncoder().encode(replay)))
        .status,
      201,
    );
    assert.equal((await t.upload(WORKED_R2, workedExample(WORKED_R2))).status, 201);

    const session = (await t.get("/api/v1/sessions/latest")).body;
    const rounds = session.maps.flatMap((m: { rounds: { fileName: string; status: string }[] }) =>
      m.rounds
    );
    assert.equal(
      rounds.find((r: { fileName: string }) => r.fileName === WORKED_R1).status,
      "substitution",
    );
    const fox = session.players.find((p: { guid: string }) => p.guid === "3F2A9C1D");
    assert.equal(fox.rounds, 2, "the replaced Round 1 is not in the session view");
    const profile = (await t.get("/api/v1/players/3F2A9C1D")).body;
    assert.equal(profile.totals.rounds, 3, "it still counts in the career");
  },
);
