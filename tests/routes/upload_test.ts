import assert from "node:assert/strict";
import { WEAPON_CODES } from "../../domain/weapons.ts";
import { loadSampleSet, WORKED_R1, WORKED_R2, workedExample } from "../helpers/fixtures.ts";
import { storedPlayers, storedWeapons, tableCounts } from "../helpers/stored.ts";
import { dbTest } from "../helpers/test_db.ts";
import { testApp } from "../helpers/test_app.ts";

const TRUTH_COLUMNS = [
  "damage_given",
  "damage_received",
  "team_damage_given",
  "team_damage_received",
  "gibs",
  "self_kills",
  "team_kills",
  "team_gibs",
  "xp",
  "killing_spree",
  "death_spree",
  "kill_assists",
  "kill_steals",
  "headshot_kills",
  "objectives_stolen",
  "objectives_returned",
  "dynamites_planted",
  "dynamites_defused",
  "times_revived",
  "useful_kills",
  "denied_playtime",
  "multikill_2x",
  "multikill_3x",
  "multikill_4x",
  "multikill_5x",
  "multikill_6x",
  "useless_kills",
  "full_selfkills",
  "repairs_constructions",
  "revives_given",
];

for (const set of ["clean", "edge"] as const) {
  dbTest(
    `${set} samples uploaded over HTTP store the truth's numbers for every player-round`,
    async (db) => {
      const t = await testApp(db);
      const { truth, bytes } = loadSampleSet(set);
      for (const file of truth.files) {
        const res = await t.upload(file.file, bytes.get(file.file)!);
        assert.equal(res.status, 201, `${file.file}: ${await res.clone().text()}`);
        assert.equal((await res.json()).status, "imported");
      }
      for (const file of truth.files) {
        const rows = await storedPlayers(db, file.file);
        assert.deepEqual(rows.map((r) => r.guid), Object.keys(file.players).sort(), file.file);
        const weapons = await storedWeapons(db, file.file);
        for (const row of rows) {
          const expected = file.players[row.guid]!;
          const where = `${file.file} ${row.guid}`;
          assert.equal(row.kills, expected.kills, `${where} kills`);
          assert.equal(row.deaths, expected.deaths, `${where} deaths`);
          assert.equal(row.headshots, expected.headshots, `${where} headshots`);
          for (const column of TRUTH_COLUMNS) {
            assert.equal(row[column], expected[column], `${where} ${column}`);
          }
          assert.ok(
            Math.abs(row.played_seconds - expected.played_ms / 1000) <= 6,
            `${where} played`,
          );
          const own = Object.fromEntries(
            weapons.filter((w) =>
              w.guid === row.guid && w.hits + w.shots + w.kills + w.deaths + w.headshots > 0
            )
              .map((w) => [WEAPON_CODES[w.weapon_id], {
                hits: w.hits,
                shots: w.shots,
                kills: w.kills,
                deaths: w.deaths,
                headshots: w.headshots,
              }]),
          );
          assert.deepEqual(own, expected.weapons, `${where} weapons`);
        }
      }
    },
  );
}

dbTest(
  "a Round 2 uploaded before its Round 1 is an orphan, excluded, then repaired",
  async (db) => {
    const t = await testApp(db);
    const early = await t.upload(WORKED_R2, workedExample(WORKED_R2));
    assert.equal(early.status, 201);
    const orphan = await early.json();
    assert.equal(orphan.status, "orphan_r2");
    assert.equal(
      (await storedPlayers(db, WORKED_R2)).find((p) => p.guid === "3F2A9C1D")?.kills,
      14,
    );
    assert.equal((await tableCounts(db)).counted_rounds, 0, "an orphan never counts");

    const late = await t.upload(WORKED_R1, workedExample(WORKED_R1));
    assert.equal(late.status, 201);
    const imported = await late.json();
    assert.equal(imported.status, "imported");
    assert.deepEqual(imported.repairedRoundIds, [orphan.roundId]);
    const fox = (await storedPlayers(db, WORKED_R2)).find((p) => p.guid === "3F2A9C1D")!;
    assert.equal(fox.kills, 6, "Round 2-only after the repair");
    assert.equal(fox.differential, "subtracted");
    assert.equal((await tableCounts(db)).counted_rounds, 2);
    const [round] = await db.query<{ status: string; match_id: number }>(
      "select status, match_id from rounds where id = $1",
      [orphan.roundId],
    );
    assert.equal(round!.status, "completed");
    assert.equal(round!.match_id, imported.matchId);
  },
);

dbTest(
  "the same bytes uploaded twice import once; the second answers duplicate with the ids",
  async (db) => {
    const t = await testApp(db);
    const first = await (await t.upload(WORKED_R1, workedExample(WORKED_R1))).json();
    const again = await t.upload(WORKED_R1, workedExample(WORKED_R1));
    assert.equal(again.status, 200);
    const body = await again.json();
    assert.equal(body.status, "duplicate");
    assert.equal(body.reason, "same_bytes");
    assert.equal(body.roundId, first.roundId);
    assert.equal(body.sessionId, first.sessionId);
    assert.equal((await tableCounts(db)).raw_files, 1);
  },
);

dbTest("50 concurrent uploads of the same file import exactly once", async (db) => {
  const t = await testApp(db);
  const responses = await Promise.all(
    Array.from({ length: 50 }, () => t.upload(WORKED_R1, workedExample(WORKED_R1))),
  );
  const statuses = responses.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(49).fill(200), 201].sort());
  const bodies = await Promise.all(responses.map((r) => r.json()));
  assert.equal(new Set(bodies.map((b) => b.roundId)).size, 1);
  const counts = await tableCounts(db);
  assert.equal(counts.raw_files, 1);
  assert.equal(counts.rounds, 1);
  assert.equal(counts.round_players, 2);
});

dbTest("a renamed copy of an imported file is a duplicate by payload", async (db) => {
  const t = await testApp(db);
  await t.upload(WORKED_R1, workedExample(WORKED_R1));
  const text = new TextDecoder().decode(workedExample(WORKED_R1)).replace(
    "My ^7Stopwatch",
    "Renamed",
  );
  const res = await t.upload(
    "2025-11-14-213013-etl_supply-round-1.txt",
    new TextEncoder().encode(text),
  );
  assert.equal(res.status, 200);
  assert.equal((await res.json()).reason, "same_payload");
});

dbTest("different bytes under an already imported name are refused with 409", async (db) => {
  const t = await testApp(db);
  await t.upload(WORKED_R1, workedExample(WORKED_R1));
  const res = await t.upload(WORKED_R1, workedExample(WORKED_R2));
  assert.equal(res.status, 409);
  assert.equal((await res.json()).error.code, "file_name_conflict");
  assert.equal((await tableCounts(db)).raw_files, 1);
});

dbTest(
  "a file that does not parse is stored as failed with its error and derives nothing",
  async (db) => {
    const t = await testApp(db);
    const res = await t.upload(WORKED_R1, new TextEncoder().encode("too\\few\\fields\nx\\y\n"));
    assert.equal(res.status, 422);
    const body = await res.json();
    assert.equal(body.error.code, "invalid_header");
    assert.equal(typeof body.rawFileId, "number");
    const [raw] = await db.query<{ status: string; error_code: string }>(
      "select status, error_code from raw_files where id = $1",
      [body.rawFileId],
    );
    assert.deepEqual(raw, { status: "failed", error_code: "invalid_header" });
    const counts = await tableCounts(db);
    assert.equal(counts.rounds, 0);
    assert.equal(counts.round_players, 0);
    assert.equal(counts.sessions, 0);
    // The real file is still accepted under the same name afterwards.
    assert.equal((await t.upload(WORKED_R1, workedExample(WORKED_R1))).status, 201);
  },
);

dbTest("credentials: none, a wrong token and a revoked token are refused with 401", async (db) => {
  const t = await testApp(db);
  const none = await t.app.request("/api/v1/stats-files", {
    method: "POST",
    headers: { "x-stats-filename": WORKED_R1 },
    body: workedExample(WORKED_R1) as Uint8Array<ArrayBuffer>,
  });
  assert.equal(none.status, 401);
  assert.equal((await none.json()).error.code, "missing_credentials");
  const wrongSecret = t.token.slice(0, -4) + "AAAA";
  for (const token of [wrongSecret, "etl_999_" + "A".repeat(43), "not-a-token"]) {
    const res = await t.upload(WORKED_R1, workedExample(WORKED_R1), {
      authorization: `Bearer ${token}`,
    });
    assert.equal(res.status, 401, token);
    assert.equal((await res.json()).error.code, "invalid_token");
  }
  await db.query("update upload_tokens set revoked_at = now()");
  assert.equal((await t.upload(WORKED_R1, workedExample(WORKED_R1))).status, 401);
  assert.equal((await tableCounts(db)).raw_files, 0);
});

dbTest(
  "a signed upload is accepted; a replayed, stale or tampered signature is refused",
  async (db) => {
    const t = await testApp(db);
    assert.equal((await t.uploadSigned(WORKED_R1, workedExample(WORKED_R1))).status, 201);
    const now = Math.floor(t.clock.now / 1000);
    const stale = await t.uploadSigned(WORKED_R2, workedExample(WORKED_R2), now - 301);
    assert.equal(stale.status, 401);
    assert.equal((await stale.json()).error.code, "stale_signature");
    const future = await t.uploadSigned(WORKED_R2, workedExample(WORKED_R2), now + 301);
    assert.equal((await future.json()).error.code, "stale_signature");
    // A captured request replayed after the window is refused even though it was valid once.
    t.clock.now += 6 * 60 * 1000;
    const replay = await t.uploadSigned(WORKED_R1, workedExample(WORKED_R1), now);
    assert.equal((await replay.json()).error.code, "stale_signature");
    const tokenId = t.token.split("_")[1]!;
    const tampered = await t.app.request("/api/v1/stats-files", {
      method: "POST",
      headers: {
        "x-etl-token-id": tokenId,
        "x-etl-timestamp": String(Math.floor(t.clock.now / 1000)),
        "x-etl-signature": "0".repeat(64),
        "x-stats-filename": WORKED_R2,
      },
      body: workedExample(WORKED_R2) as Uint8Array<ArrayBuffer>,
    });
    assert.equal(tampered.status, 401);
    assert.equal((await tampered.json()).error.code, "invalid_signature");
    assert.equal((await tableCounts(db)).raw_files, 1);
  },
);

dbTest(
  "bodies: multipart works; oversized, wrong type, no name, bad name and sidecars answer clearly",
  async (db) => {
    const t = await testApp(db);
    const form = new FormData();
    form.append("file", new File([workedExample(WORKED_R1) as Uint8Array<ArrayBuffer>], WORKED_R1));
    const multipart = await t.app.request("/api/v1/stats-files", {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}` },
      body: form,
    });
    assert.equal(multipart.status, 201);

    const cases: [Record<string, string>, Uint8Array, number, string][] = [
      [{}, new Uint8Array(1024 * 1024 + 1), 413, "payload_too_large"],
      [
        { "content-type": "application/json" },
        workedExample(WORKED_R2),
        415,
        "unsupported_media_type",
      ],
      [{ "x-stats-filename": "" }, workedExample(WORKED_R2), 400, "missing_file_name"],
      [{ "x-stats-filename": "stats.txt" }, workedExample(WORKED_R2), 400, "invalid_file_name"],
      [
        { "content-type": "multipart/form-data; boundary=zzz" },
        new TextEncoder().encode("garbage"),
        400,
        "malformed_multipart",
      ],
    ];
    for (const [headers, body, status, code] of cases) {
      const res = await t.upload(WORKED_R2, body, headers);
      assert.equal(res.status, status, code);
      assert.equal((await res.json()).error.code, code);
    }
    const sidecar = await t.upload(
      "2025-11-14-213012-etl_supply-round-1-endstats.txt",
      new Uint8Array([1]),
    );
    assert.equal(sidecar.status, 200);
    assert.deepEqual(
      { status: (await sidecar.json()).status },
      { status: "ignored" },
    );
    assert.equal((await tableCounts(db)).raw_files, 1);
  },
);
