/** Autocomplete: players (names, aliases, GUIDs, linked users), maps, sessions, servers. */
import assert from "node:assert/strict";
import { listSessions } from "../../../db/queries/sessions.ts";
import { dbTest } from "../../helpers/test_db.ts";
import { type Answer, BOB, MANAGE_SERVER, withHarness } from "./discord_harness.ts";

const VID = "A3B1799D";

function choices(answer: Answer): { name: string; value: string }[] {
  assert.equal(answer.status, 200);
  assert.equal(answer.body.type, 8, "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT");
  const list = answer.body.data.choices;
  assert.ok(list.length <= 25);
  for (const choice of list) assert.ok(choice.name.length >= 1 && choice.name.length <= 100);
  return list;
}

dbTest(
  "player options suggest by name, GUID prefix, alias and linked user, recent first",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const byName = choices(await h.autocomplete("stats", ["player", "vi"]));
      assert.equal(byName[0]!.value, VID);
      assert.match(byName[0]!.name, /^vid \(A3B1799D\) · seen 2025-09-09$/);

      const byGuid = choices(await h.autocomplete("compare", ["player_b", "a3b1"]));
      assert.deepEqual(byGuid.map((c) => c.value), [VID]);

      // Empty input: every player (at most 25), the most recently seen first.
      const recent = choices(await h.autocomplete("stats", ["player", ""]));
      const [count] = await db.query<{ humans: number }>(
        "select count(*)::int as humans from players where not is_bot",
      );
      assert.equal(recent.length, Math.min(25, count!.humans));
      const seen = recent.map((c) => /seen (\S+)$/.exec(c.name)![1]!);
      assert.deepEqual(seen, [...seen].sort().reverse());

      // An older alias finds the player under its current name.
      await db.query(
        `insert into aliases (guid, name, first_seen, last_seen, times_seen)
       values ($1, 'v1d_old', '2025-09-01', '2025-09-01', 3)`,
        [VID],
      );
      const byAlias = choices(await h.autocomplete("stats", ["player", "V1D"]));
      assert.deepEqual(byAlias.map((c) => c.name), [
        "vid (A3B1799D) · aka v1d_old · seen 2025-09-09",
      ]);

      // A linked Discord user finds their player.
      await h.command("link", { player: "bronze" }, { user: BOB });
      const byUser = choices(await h.autocomplete("stats", ["player", "bo"]));
      assert.deepEqual(byUser.map((c) => c.name), ["bronze (6B65A6A4) · @bob · seen 2025-09-09"]);

      assert.deepEqual(choices(await h.autocomplete("stats", ["player", "zzzz"])), []);
    });
  },
);

dbTest(
  "/link offers the three most recently active unlinked players, and never a linked one",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const first = choices(await h.autocomplete("link", ["player", ""]));
      assert.equal(first.length, 3);
      for (const choice of first) assert.match(choice.name, /seen 2025-09-09/);
      // Linking the first offered player removes it from the offers and from searches.
      await h.command("link", { player: first[0]!.value }, { user: BOB });
      const next = choices(await h.autocomplete("link", ["player", ""]));
      assert.equal(next.length, 3);
      assert.ok(!next.some((c) => c.value === first[0]!.value));
      const searched = choices(
        await h.autocomplete("link", ["player", first[0]!.value.slice(0, 6)]),
      );
      assert.ok(!searched.some((c) => c.value === first[0]!.value));
      // Other commands still suggest linked players.
      const stats = choices(await h.autocomplete("stats", ["player", first[0]!.value.slice(0, 6)]));
      assert.ok(stats.some((c) => c.value === first[0]!.value));
    });
  },
);

dbTest("map options suggest played maps, most recently played first", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const all = choices(await h.autocomplete("records", ["map", ""]));
    assert.equal(all.length, 8);
    assert.equal(all[0]!.value, "radar");
    assert.match(all[0]!.name, /^radar · 2 rounds · last 2025-09-0\d$/);
    assert.deepEqual(
      choices(await h.autocomplete("records", ["map", "GOLD"])).map((c) => c.value),
      [
        "goldrush",
      ],
    );
  });
});

dbTest("/session suggests latest and recent sessions by number or date", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const { items } = await listSessions(db, { limit: 10, offset: 0 });
    const all = choices(await h.autocomplete("session", ["which", ""]));
    assert.deepEqual(all.map((c) => c.value), ["latest", ...items.map((s) => String(s.id))]);
    const byDate = choices(await h.autocomplete("session", ["which", "2025-09-05"]));
    assert.equal(byDate.length, 1);
    assert.match(byDate[0]!.name, /^#\d+ · 2025-09-05 · test-server · 4 maps · /);
  });
});

dbTest("/admin suggestions only for admins; unknown commands suggest nothing", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const admin = { user: BOB, permissions: MANAGE_SERVER };
    const servers = choices(
      await h.autocomplete("admin", ["server", "test"], { sub: "server-token", as: admin }),
    );
    assert.deepEqual(servers, [{ name: "test-server (Europe/Berlin)", value: "test-server" }]);
    const maps = choices(
      await h.autocomplete("admin", ["map", "sup"], { sub: "exclude-map", as: admin }),
    );
    assert.deepEqual(maps.map((c) => c.value), ["supply"]);
    assert.deepEqual(
      choices(
        await h.autocomplete("admin", ["map", "sup"], { sub: "exclude-map", as: { user: BOB } }),
      ),
      [],
    );
    assert.deepEqual(choices(await h.autocomplete("teleport", ["where", "x"])), []);
  });
});
