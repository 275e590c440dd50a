import assert from "node:assert/strict";
import { listSessions } from "../../db/queries/sessions.ts";
import { latestRoundId } from "../../db/queries/rounds.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";
import { testApp } from "../helpers/test_app.ts";

dbTest("card routes answer PNGs with an ETag, 304 on a match, 404/400 on bad ids", async (db) => {
  const t = await seedCardFixtures(db);
  const sessionId = (await listSessions(db, { limit: 1, offset: 0 })).items[0]!.id;
  const roundId = (await latestRoundId(db))!;
  const guid = (await db.query<{ guid: string }>("select guid from players limit 1"))[0]!.guid;
  const paths = [
    `/cards/session/${sessionId}.png`,
    `/cards/session/${sessionId}/graphs.png`,
    `/cards/player/${guid}.png`,
    `/cards/player/${guid.toLowerCase()}.png`,
    `/cards/compare/${guid}/${guid}.png`,
    `/cards/leaderboard/kills.png?period=all`,
    `/cards/leaderboard/kd.png`,
    `/cards/round/${roundId}.png`,
  ];
  for (const path of paths) {
    const res = await t.app.request(path);
    assert.equal(
      res.status,
      200,
      `${path}: ${res.status} ${res.status === 200 ? "" : await res.text()}`,
    );
    assert.equal(res.headers.get("content-type"), "image/png", path);
    const etag = res.headers.get("etag");
    assert.match(etag ?? "", /^"[0-9a-f]{32}"$/, path);
    const png = decodePng(new Uint8Array(await res.arrayBuffer()));
    assert.ok(png.width >= 600 && png.height >= 200, `${path}: ${png.width}x${png.height}`);
    const again = await t.app.request(path, { headers: { "if-none-match": etag! } });
    assert.equal(again.status, 304, path);
    assert.equal(again.headers.get("etag"), etag);
    const listed = await t.app.request(path, {
      headers: { "if-none-match": `"0000", W/${etag}` },
    });
    assert.equal(listed.status, 304, `${path}: a weak tag in a list matches`);
  }

  const expectError = async (path: string, status: number, code: string) => {
    const res = await t.app.request(path);
    assert.equal(res.status, status, path);
    assert.equal((await res.json()).error.code, code, path);
  };
  await expectError("/cards/session/999999.png", 404, "not_found");
  await expectError("/cards/session/999999/graphs.png", 404, "not_found");
  await expectError("/cards/round/999999.png", 404, "not_found");
  await expectError("/cards/player/NOSUCHGUID.png", 404, "not_found");
  await expectError(`/cards/compare/${guid}/NOSUCHGUID.png`, 404, "not_found");
  await expectError("/cards/session/abc.png", 400, "invalid_parameter");
  await expectError("/cards/player/%25.png", 404, "not_found");
  await expectError("/cards/leaderboard/%25.png", 400, "unknown_category");
  await expectError(`/cards/session/${sessionId}`, 404, "not_found");
  await expectError("/cards/leaderboard/nonsense.png", 400, "unknown_category");
  await expectError("/cards/leaderboard/kills.png?period=forever", 400, "unknown_period");
});

dbTest("the ETag changes when the data behind a card changes", async (db) => {
  const t = await seedCardFixtures(db);
  const before = (await t.app.request("/cards/leaderboard/kills.png")).headers.get("etag");
  const top = (await t.get("/api/v1/leaderboards/kills")).body.entries[0].guid;
  await db.query("update players set display_name = 'Renamed' where guid = $1", [top]);
  const after = (await t.app.request("/cards/leaderboard/kills.png")).headers.get("etag");
  assert.notEqual(after, before);
});

dbTest(
  "an empty database answers 404 for a session card and renders an empty leaderboard",
  async (db) => {
    const t = await testApp(db);
    assert.equal((await t.app.request("/cards/session/1.png")).status, 404);
    const res = await t.app.request("/cards/leaderboard/kills.png?period=7d");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
  },
);
