import assert from "node:assert/strict";
import { roundDetail } from "../../db/queries/rounds.ts";
import { CardRenderer } from "../../views/cards/card.ts";
import {
  roundSummaryCard,
  type RoundSummaryInput,
  roundSummaryInput,
} from "../../views/cards/round_summary.tsx";
import { createRenderer } from "../../views/render.ts";
import { seedCardFixtures } from "../helpers/card_fixture_db.ts";
import { assertGolden, decodePng } from "../helpers/golden.ts";
import { dbTest } from "../helpers/test_db.ts";

const renderer = new CardRenderer(await createRenderer("native"));

async function roundByFile(db: Parameters<typeof roundDetail>[0], fileName: string) {
  const rows = await db.query<{ id: number }>("select id from rounds where file_name = $1", [
    fileName,
  ]);
  return (await roundDetail(db, rows[0]!.id))!;
}

dbTest("round summary: a Round 2 shows Round 2-only numbers and matches its golden", async (db) => {
  await seedCardFixtures(db);
  const detail = await roundByFile(db, "2025-09-05-233408-braundorf_b4-round-2.txt");
  const input = roundSummaryInput(detail.round, detail.players);
  assert.equal(input.round, 2);
  assert.equal(input.roundTwoOnly, true);
  assert.equal(input.map, "braundorf_b4");
  assert.ok(input.sides.axis.top.length === 3 && input.sides.allies.top.length === 3);
  assert.equal(input.mvp?.name, detail.players.find((p) => p.guid === detail.round.mvpGuid)?.name);
  const card = await renderer.render(roundSummaryCard, input);
  assert.equal(decodePng(card.png).width, roundSummaryCard.width);
  await assertGolden("round-summary-r2", card.png);
});

dbTest("round summary: a Round 1 matches its golden", async (db) => {
  await seedCardFixtures(db);
  const detail = await roundByFile(db, "2025-09-04-211830-goldrush-round-1.txt");
  const input = roundSummaryInput(detail.round, detail.players);
  assert.equal(input.roundTwoOnly, false);
  await assertGolden("round-summary-r1", (await renderer.render(roundSummaryCard, input)).png);
});

Deno.test("round summary: no MVP, an empty side and a long name render", async () => {
  const input: RoundSummaryInput = {
    id: 5,
    map: "a_map_with_a_rather_long_name_b7",
    round: 1,
    localDateTime: "2025-01-01T21:00:00",
    outcome: "Unknown",
    defender: null,
    winner: null,
    timeSeconds: 61,
    timeLimitSeconds: null,
    roundTwoOnly: false,
    sides: {
      axis: {
        players: 1,
        top: [{
          name: "^3ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ",
          kills: 0,
          deaths: 0,
          kdRatio: 0,
          dpm: null,
          damageGiven: 0,
        }],
      },
      allies: { players: 0, top: [] },
    },
    mvp: null,
  };
  const png = decodePng((await renderer.render(roundSummaryCard, input)).png);
  assert.equal(png.width, roundSummaryCard.width);
});
