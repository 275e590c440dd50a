/**
 * Commands that answer with a card: deferred at once (type 5), then the original response is
 * edited through the webhook with the PNG attached (multipart). The attachment must be the card
 * `loadCard` renders for the same request: a valid PNG of its size.
 */
import assert from "node:assert/strict";
import { latestRoundId } from "../../../db/queries/rounds.ts";
import { latestSessionId, listSessions } from "../../../db/queries/sessions.ts";
import { loadCard } from "../../../routes/cards/load_card.ts";
import type { CardRequest } from "../../../views/cards/card_request.ts";
import { dbTest } from "../../helpers/test_db.ts";
import {
  ALICE,
  type Answer,
  APP_ID,
  cardEdit,
  type DiscordHarness,
  EPHEMERAL,
  pngSize,
  seedCorpus,
  withHarness,
} from "./discord_harness.ts";

const VID = "A3B1799D";
const BRONZE = "6B65A6A4";

/** The deferred answer, then the one edit: its payload, checked against `loadCard(request)`. */
async function deferredCard(h: DiscordHarness, answer: Answer, request: CardRequest) {
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, { type: 5 }, "deferred, public");
  await h.settled();
  const edit = h.editsOf(answer.token)[0];
  assert.equal(
    edit?.path,
    `/api/v10/webhooks/${APP_ID}/${answer.token}/messages/@original`,
    "the original response of this interaction",
  );
  assert.equal(edit.headers.get("authorization"), null, "webhooks are authorised by their token");
  const { payload, png, fileName } = cardEdit(h, answer.token);
  const expected = await loadCard(h.db, request, h.t.clock.now);
  assert.ok(expected, "the card exists");
  assert.equal(fileName, expected.fileName);
  assert.deepEqual(pngSize(png), { width: expected.width, height: expected.height });
  assert.equal(payload.flags, undefined, "an edit never sets flags");
  return payload;
}

// deno-lint-ignore no-explicit-any -- component JSON
const buttonsOf = (payload: any): string[] =>
  payload.components.flatMap((row: { components: { custom_id: string; disabled?: boolean }[] }) =>
    row.components.map((b) => `${b.custom_id}${b.disabled ? " (current)" : ""}`)
  );

dbTest("/session defers, then edits in the recap card with view buttons", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const sessionId = (await latestSessionId(db))!;
    const answer = await h.command("session");
    const payload = await deferredCard(h, answer, { kind: "session", sessionId });
    const embed = payload.embeds[0];
    assert.equal(embed.title, "Session 2025-09-09 · test-server");
    assert.match(embed.description, /^\*\*.+\*\* \d+ – \d+ \*\*.+\*\*$/);
    assert.deepEqual(embed.fields.map((f: { name: string }) => f.name), [
      "Maps",
      "Maps won",
      "Rounds",
      "Players",
      "Duration",
    ]);
    assert.equal(embed.fields[0].value, "6");
    assert.deepEqual(buttonsOf(payload), [
      `session:overview:${sessionId} (current)`,
      `session:graphs:${sessionId}`,
      `session:maps:${sessionId}:0`,
      "sessions:page:0",
    ]);

    // By number and by date: the same session.
    const byDate = await h.command("session", { which: "2025-09-09" });
    await deferredCard(h, byDate, { kind: "session", sessionId });
    const byNumber = await h.command("session", { which: `#${sessionId}` });
    await deferredCard(h, byNumber, { kind: "session", sessionId });
  });
});

dbTest("session buttons switch views: graphs and overview cards, per-map embed", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const sessionId = (await latestSessionId(db))!;
    const graphs = await h.click(`session:graphs:${sessionId}`);
    assert.equal(graphs.body.type, 6, "DEFERRED_UPDATE_MESSAGE");
    await h.settled();
    const { payload } = cardEdit(h, graphs.token);
    assert.match(payload.embeds[0].title, / · graphs$/);
    assert.ok(buttonsOf(payload).includes(`session:graphs:${sessionId} (current)`));

    const maps = await h.click(`session:maps:${sessionId}:0`);
    assert.equal(maps.body.type, 7, "UPDATE_MESSAGE: data only, at once");
    const data = maps.body.data;
    assert.deepEqual(data.attachments, [], "the card is removed");
    const fields = data.embeds[0].fields;
    assert.equal(fields.length, 6 + 1, "six maps and the top players");
    assert.match(fields[0].name, /^1\. \w+/);
    assert.match(fields[0].value, /R1: .*\nR2: /);
    assert.equal(fields.at(-1).name, "Top players (by kills)");
    assert.match(fields.at(-1).value, /^1\. .+: \d+ kills, K\/D \d+\.\d\d, DPM \d+\.\d/);
    assert.ok(buttonsOf(data).includes(`session:maps:${sessionId}:0 (current)`));
    assert.equal(data.components.length, 1, "one page: no page buttons");

    const overview = await h.click(`session:overview:${sessionId}`);
    assert.equal(overview.body.type, 6);
    await h.settled();
    assert.equal(
      cardEdit(h, overview.token).payload.embeds[0].title,
      "Session 2025-09-09 · test-server",
    );
  });
});

dbTest("picking a session in the /sessions menu turns the list into its recap card", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const oldest = (await listSessions(db, { limit: 10, offset: 0 })).items.at(-1)!;
    const answer = await h.click("sessions:open", { values: [String(oldest.id)] });
    assert.equal(answer.body.type, 6);
    await h.settled();
    const { payload } = cardEdit(h, answer.token);
    assert.equal(payload.embeds[0].title, "Session 2025-09-04 · test-server");
    assert.equal(payload.embeds[0].footer.text, `Session ${oldest.id} · ${oldest.key}`);
  });
});

dbTest(
  "a button for a session that no longer exists answers with an ephemeral follow-up",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const answer = await h.click("session:overview:999999");
      assert.equal(answer.body.type, 6);
      await h.settled();
      assert.equal(h.editsOf(answer.token).length, 0, "the shared message keeps its card");
      const [followup] = h.followupsOf(answer.token);
      assert.ok(followup, "a follow-up was sent");
      assert.equal(followup.payload.flags, EPHEMERAL);
      assert.match(followup.payload.content, /Session 999999 does not exist.*\/sessions/);
      // The per-map view is answered at once, ephemerally.
      const maps = await h.click("session:maps:999999:0");
      assert.equal(maps.body.type, 4);
      assert.equal(maps.body.data.flags, EPHEMERAL);
    });
  },
);

dbTest("the per-map view pages eight maps at a time", async (db) => {
  await withHarness(db, {}, async (h) => {
    await seedCorpus(h.t, 1, 10);
    const sessionId = (await latestSessionId(db))!;
    const first = await h.click(`session:maps:${sessionId}:0`);
    assert.equal(first.body.data.embeds[0].fields.length, 8 + 1);
    assert.match(first.body.data.embeds[0].footer.text, /page 1 of 2/);
    assert.deepEqual(buttonsOf(first.body.data).slice(4), [`session:maps:${sessionId}:1`]);
    const second = await h.click(`session:maps:${sessionId}:1`);
    assert.equal(second.body.data.embeds[0].fields.length, 2 + 1);
    assert.match(second.body.data.embeds[0].fields[0].name, /^9\. /);
    assert.deepEqual(buttonsOf(second.body.data).slice(4), [`session:maps:${sessionId}:0`]);
    // A page past the end shows the last one.
    const beyond = await h.click(`session:maps:${sessionId}:7`);
    assert.match(beyond.body.data.embeds[0].footer.text, /page 2 of 2/);
  });
});

dbTest("/round defers, then edits in the round card with its facts", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const roundId = (await latestRoundId(db))!;
    const payload = await deferredCard(h, await h.command("round"), { kind: "round", roundId });
    const embed = payload.embeds[0];
    assert.equal(embed.title, "radar · Round 2");
    assert.match(
      embed.footer.text,
      new RegExp(`^Round ${roundId} · 2025-09-09-013810-radar-round-2\\.txt$`),
    );
    assert.deepEqual(embed.fields.map((f: { name: string }) => f.name), [
      "Outcome",
      "Duration",
      "Players",
      "Status",
      "MVP",
      "Session",
    ]);
    const byNumber = await h.command("round", { which: String(roundId - 1) });
    const other = await deferredCard(h, byNumber, { kind: "round", roundId: roundId - 1 });
    assert.equal(other.embeds[0].title, "radar · Round 1");
  });
});

dbTest(
  "/top defers, then edits in the leaderboard card for the category and period",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const answer = await h.command("top", { category: "kills", period: "30d" });
      const payload = await deferredCard(h, answer, {
        kind: "leaderboard",
        category: "kills",
        period: "30d",
      });
      assert.equal(payload.embeds[0].title, "Top kills · Last 30 days");
      assert.equal(payload.embeds[0].footer.text, "Ranked: more than 10 rounds");
      // Aliases work; the default period is all time; lower-is-better categories say so.
      const teamwork = await h.command("top", { category: "team" });
      const tw = await deferredCard(h, teamwork, {
        kind: "leaderboard",
        category: "teamwork",
        period: "all",
      });
      assert.equal(tw.embeds[0].title, "Top team damage · All time");
      assert.match(tw.embeds[0].description, /lower is better/);
      assert.equal(
        tw.embeds[0].footer.text,
        "Ranked: more than 50 rounds and more than 0 damage given",
      );
    });
  },
);

dbTest("/stats defers, then edits in the profile card and a short embed", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    await h.command("link", { player: "vid" });
    const mine = await h.command("stats");
    const payload = await deferredCard(h, mine, { kind: "player", guid: VID });
    const embed = payload.embeds[0];
    assert.equal(embed.title, "vid");
    assert.equal(embed.description, `GUID \`${VID}\` · <@${ALICE.id}>`);
    assert.deepEqual(embed.fields.slice(0, 4).map((f: { name: string }) => f.name), [
      "Rounds",
      "Kills / deaths",
      "K/D",
      "DPM",
    ]);
    assert.match(embed.footer.text, /^First seen 2025-09-\d\d · last seen 2025-09-09$/);
    assert.deepEqual(payload.allowed_mentions, { parse: [] });

    const other = await h.command("stats", { player: "bronze" });
    const bronze = await deferredCard(h, other, { kind: "player", guid: BRONZE });
    assert.equal(bronze.embeds[0].title, "bronze");
  });
});

dbTest("/compare defers, then edits in the comparison card", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const answer = await h.command("compare", { player_a: VID, player_b: "bronze" });
    const payload = await deferredCard(h, answer, {
      kind: "compare",
      guidA: VID,
      guidB: BRONZE,
    });
    assert.equal(payload.embeds[0].title, "vid vs bronze");
  });
});

dbTest(
  "when the card cannot be drawn, the original says so and the error is logged",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      await db.exec("alter table player_session_totals rename to player_session_totals_gone");
      const answer = await h.command("top", { category: "kills" });
      assert.deepEqual(answer.body, { type: 5 });
      await h.settled();
      const [edit] = h.editsOf(answer.token);
      assert.ok(edit);
      assert.equal(edit.parts, null, "no file");
      assert.match(edit.payload.content, /^Something went wrong with \/top \(it was logged\)/);
      assert.deepEqual(edit.payload.embeds, []);
      assert.deepEqual(edit.payload.attachments, []);
      const logged = h.logs.find((l) => l.level === "error" && l.fields.action === "/top");
      assert.ok(logged);
      assert.match(String(logged.fields.error), /player_session_totals/);
    });
  },
);

dbTest("when Discord refuses the edit, the failure is logged", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    h.fake.failNext(500);
    const answer = await h.command("round");
    assert.equal(answer.body.type, 5);
    await h.settled();
    assert.equal(h.editsOf(answer.token).length, 1);
    assert.ok(
      h.logs.some((l) => l.level === "error" && l.msg === "discord background task failed"),
    );
  });
});
