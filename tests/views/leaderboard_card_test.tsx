import assert from "node:assert/strict";
import { leaderboard } from "../../db/queries/leaderboards.ts";
import { resolveCategory } from "../../domain/leaderboards.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import {
  leaderboardCard,
  type LeaderboardCardInput,
  leaderboardCardInput,
} from "../../views/cards/leaderboard.tsx";
import { createRenderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { assertGolden, decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";

const renderer = new CardRenderer(await createRenderer("native"));
const NOW = Date.parse("2025-09-10T12:00:00Z");

dbTest("leaderboard card: kills over all time matches its golden image", async (db) => {
  await seedCardFixtures(db);
  const category = resolveCategory("kills")!;
  const page = await leaderboard(db, { category, since: null, limit: 10, offset: 0 });
  const input = leaderboardCardInput(category, "all", NOW, page);
  assert.equal(input.entries.length, 10);
  assert.deepEqual(input.entries.map((e) => e.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(input.entries[0]!.value, page.entries[0]!.value);
  assert.equal(input.period.label, "All time");
  const card = await renderer.render(leaderboardCard, input);
  assert.equal(decodePng(card.png).width, leaderboardCard.width);
  await assertGolden("leaderboard-kills-all", card.png);
});

dbTest("leaderboard card: fewer than 10 entries and a season label", async (db) => {
  await seedCardFixtures(db);
  const category = resolveCategory("revives")!;
  const page = await leaderboard(db, { category, since: null, limit: 3, offset: 0 });
  const input = leaderboardCardInput(category, "season", NOW, page);
  assert.equal(input.entries.length, 3);
  assert.equal(input.period.label, "Season 2025-Q3");
  assert.ok(input.category.minimums.length > 0);
  await assertGolden(
    "leaderboard-revives-three",
    (await renderer.render(leaderboardCard, input)).png,
  );
});

Deno.test("leaderboard card: nobody qualifies renders an empty state", async () => {
  const input: LeaderboardCardInput = {
    category: { key: "kills", title: "Kills", unit: "", decimals: 0, minimums: [] },
    period: { key: "7d", label: "Last 7 days" },
    total: 0,
    entries: [],
  };
  const card = await renderer.render(leaderboardCard, input);
  const png = decodePng(card.png);
  assert.equal(png.width, leaderboardCard.width);
  assert.ok(png.height < 300, `height ${png.height}`);
});
