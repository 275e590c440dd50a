/** Commands answered from data alone: /help, /sessions (paging, menu), /records, errors. */
import assert from "node:assert/strict";
import { listSessions } from "../../../db/queries/sessions.ts";
import { COMMANDS } from "../../../routes/discord/command_registry.ts";
import { dbTest } from "../../helpers/test_db.ts";
import { assertEphemeral, EPHEMERAL, seedCorpus, withHarness } from "./discord_harness.ts";

dbTest(
  "/help lists every command and /admin sub-command, one line each, ephemerally",
  async (db) => {
    await withHarness(db, {}, async (h) => {
      const answer = await h.command("help");
      assert.equal(answer.body.type, 4);
      assert.equal(answer.body.data.flags, EPHEMERAL);
      const lines: string[] = answer.body.data.embeds[0].description.split("\n");
      const usages = lines.map((line) => /^`([^`]+)`/.exec(line)![1]);
      for (const command of COMMANDS.filter((c) => c.definition.name !== "admin")) {
        assert.ok(
          usages.some((u) => u!.startsWith(`/${command.definition.name}`)),
          command.definition.name,
        );
      }
      assert.ok(usages.includes("/stats [player] [user]"));
      assert.ok(usages.includes("/compare player_a player_b"));
      assert.ok(usages.includes("/top category [period]"));
      assert.ok(usages.includes("/admin link user player"));
      assert.ok(usages.includes("/admin exclude-map map"));
      assert.ok(usages.includes("/admin server-token [server]"));
      assert.equal(usages.filter((u) => u!.startsWith("/admin ")).length, 6);
      assert.equal(lines.length, COMMANDS.length - 1 + 6);
    });
  },
);

dbTest(
  "an unknown command gets an ephemeral message pointing to /help, and is logged",
  async (db) => {
    await withHarness(db, {}, async (h) => {
      const answer = await h.command("teleport");
      assertEphemeral(answer, /I do not know `\/teleport`.*\/help/);
      assert.ok(
        h.logs.some((l) => l.msg === "discord unknown command" && l.fields.action === "/teleport"),
      );
    });
  },
);

dbTest("on an empty database every command says there is nothing yet, ephemerally", async (db) => {
  await withHarness(db, {}, async (h) => {
    assertEphemeral(await h.command("sessions"), /No gaming session has been recorded yet/);
    assertEphemeral(await h.command("session"), /No gaming session has been recorded yet/);
    assertEphemeral(await h.command("round"), /No round has been recorded yet/);
    assertEphemeral(await h.command("records"), /No records yet/);
    assertEphemeral(await h.command("stats"), /You have not linked your player yet.*\/link/);
    assertEphemeral(await h.command("stats", { player: "vid" }), /No player matches “vid”/);
    assertEphemeral(await h.command("link", { player: "vid" }), /No player matches “vid”/);
    const whoami = await h.command("whoami");
    assertEphemeral(whoami, /not linked to a player yet.*\/link/);
    // Nothing was deferred, so nothing reached Discord's API.
    await h.settled();
    assert.equal(h.fake.requests.length, 0);
  });
});

dbTest(
  "/sessions lists the latest sessions with a menu to open one; buttons page through them",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const { items } = await listSessions(db, { limit: 10, offset: 0 });
      const answer = await h.command("sessions");
      assert.equal(answer.body.type, 4);
      assert.equal(answer.body.data.flags, undefined, "public");
      const embed = answer.body.data.embeds[0];
      const lines = embed.description.split("\n");
      assert.equal(lines.length, 3);
      assert.match(
        lines[0],
        new RegExp(`^\\*\\*#${items[0]!.id}\\*\\* · 2025-09-09 · test-server · 6 maps`),
      );
      assert.match(embed.footer.text, /Sessions 1–3 of 3/);
      const [menuRow, ...others] = answer.body.data.components;
      assert.equal(others.length, 0, "one page: no paging buttons");
      const menu = menuRow.components[0];
      assert.equal(menu.type, 3);
      assert.equal(menu.custom_id, "sessions:open");
      assert.deepEqual(
        menu.options.map((o: { value: string }) => o.value),
        items.map((s) => String(s.id)),
      );
      for (const option of menu.options) {
        assert.ok(option.label.length <= 25 && option.description.length <= 50);
      }

      // A page beyond the end (the list shrank) shows the last page instead.
      const beyond = await h.click("sessions:page:30");
      assert.equal(beyond.body.type, 7);
      assert.match(beyond.body.data.embeds[0].footer.text, /Sessions 1–3 of 3/);
      assert.deepEqual(beyond.body.data.attachments, []);
    });
  },
);

dbTest(
  "/sessions pages ten at a time with Newer/Older buttons that update the message",
  async (db) => {
    await withHarness(db, {}, async (h) => {
      await seedCorpus(h.t, 23, 1);
      const all = await listSessions(db, { limit: 30, offset: 0 });
      assert.equal(all.total, 23);
      const first = await h.command("sessions");
      // deno-lint-ignore no-explicit-any -- component JSON
      const buttons = (answer: any): string[] =>
        answer.body.data.components[1]?.components.map((b: { label: string; custom_id: string }) =>
          `${b.label}=${b.custom_id}`
        ) ?? [];
      assert.deepEqual(buttons(first), ["Older ▶=sessions:page:10"]);
      assert.match(first.body.data.embeds[0].footer.text, /Sessions 1–10 of 23/);

      const second = await h.click("sessions:page:10");
      assert.equal(second.body.type, 7, "UPDATE_MESSAGE");
      assert.deepEqual(buttons(second), ["◀ Newer=sessions:page:0", "Older ▶=sessions:page:20"]);
      const ids = second.body.data.components[0].components[0].options.map((o: { value: string }) =>
        Number(o.value)
      );
      assert.deepEqual(ids, all.items.slice(10, 20).map((s) => s.id));

      const last = await h.click("sessions:page:20");
      assert.deepEqual(buttons(last), ["◀ Newer=sessions:page:10"]);
      assert.match(last.body.data.embeds[0].footer.text, /Sessions 21–23 of 23/);
    });
  },
);

dbTest(
  "/records shows round and match records, per map too; unknown maps are explained",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const all = await h.command("records");
      assert.equal(all.body.type, 4);
      const text: string = all.body.data.embeds[0].description;
      assert.match(text, /\*\*Best single round\*\*/);
      assert.match(text, /Most kills in a round: \*\*\d+ kills\*\* · .+ · \w+ · <t:\d+:d>/);
      assert.match(text, /\*\*Best single match\*\*/);
      assert.match(text, /Most damage given in a match: \*\*\d+ damage\*\*/);
      assert.match(text, /Best accuracy in a round: \*\*\d+\.\d %\*\*/);

      const goldrush = await h.command("records", { map: "GoldRush" });
      assert.equal(goldrush.body.data.embeds[0].title, "Records on goldrush");
      assert.doesNotMatch(goldrush.body.data.embeds[0].description, /· goldrush ·/);

      assertEphemeral(
        await h.command("records", { map: "oasis" }),
        /No records on oasis.*suggestions/,
      );
      assertEphemeral(
        await h.command("records", { map: "gold rush!" }),
        /“gold rush!” is not a map name/,
      );
    });
  },
);

dbTest("unknown option values are answered with what to type instead", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    assertEphemeral(
      await h.command("top", { category: "bogus" }),
      /Unknown category “bogus”.*kills, kd, dpm/,
    );
    assertEphemeral(
      await h.command("top", { category: "kills", period: "1y" }),
      /Unknown period “1y”.*7d, 30d, season, all/,
    );
    assertEphemeral(
      await h.command("session", { which: "yesterday" }),
      /“yesterday” is not a session/,
    );
    assertEphemeral(await h.command("session", { which: "999999" }), /There is no session 999999/);
    assertEphemeral(
      await h.command("session", { which: "2025-02-30" }),
      /“2025-02-30” is not a session/,
    );
    assertEphemeral(
      await h.command("session", { which: "2025-09-07" }),
      /No session started on 2025-09-07/,
    );
    assertEphemeral(await h.command("round", { which: "last" }), /“last” is not a round/);
    assertEphemeral(await h.command("round", { which: "99999" }), /There is no round 99999/);
    assertEphemeral(
      await h.command("stats", { player: "nobody-here" }),
      /No player matches “nobody-here”/,
    );
    assertEphemeral(
      await h.command("stats", { player: "Player2" }),
      /matches \d+ players.*Pick one/,
    );
    assertEphemeral(await h.command("stats", { player: 42 }), /`player` must be text/);
    assertEphemeral(
      await h.command("compare", { player_a: "vid", player_b: "VID" }),
      /pick two different players/,
    );
    assertEphemeral(
      await h.command("stats", {
        player: "vid",
        user: { user: { id: "1", username: "x", global_name: null } },
      }),
      /either `player` or `user`/,
    );
    assertEphemeral(await h.click("session:teleport:1"), /older version of the bot/);
    assertEphemeral(await h.click("sessions:open", { values: ["abc"] }), /“abc” is not a session/);
    // User errors are logged as warnings with what was refused.
    assert.ok(
      h.logs.some((l) =>
        l.level === "warn" && l.fields.action === "/top" && /bogus/.test(String(l.fields.reason))
      ),
    );
  });
});

dbTest(
  "an unexpected failure answers a generic ephemeral message and logs the error",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      // records reads record_candidates; break it to simulate an outage of one table.
      await db.exec("alter table record_candidates rename to record_candidates_gone");
      const answer = await h.command("records");
      assertEphemeral(answer, /Something went wrong with \/records \(it was logged\)/);
      const logged = h.logs.find((l) => l.level === "error");
      assert.ok(logged, "logged");
      assert.equal(logged.fields.action, "/records");
      assert.match(String(logged.fields.error), /record_candidates/);
    });
  },
);
