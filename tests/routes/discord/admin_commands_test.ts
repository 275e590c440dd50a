/** /admin: refused to non-admins; links for others, map exclusion, rebuild, tokens, health. */
import assert from "node:assert/strict";
import { linkOfUser } from "../../../db/queries/discord_links.ts";
import { adminCommand, REFUSED } from "../../../routes/discord/commands/admin.ts";
import { WORKED_R1, workedExample } from "../../helpers/fixtures.ts";
import { dbTest } from "../../helpers/test_db.ts";
import {
  ADMIN_ROLE_ID,
  ALICE,
  assertEphemeral,
  BOB,
  CAROL,
  EPHEMERAL,
  type Sender,
  withHarness,
} from "./discord_harness.ts";

const ADMIN: Sender = { user: ALICE, permissions: "32" };
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\`]/g, "\\$&");

dbTest(
  "/admin is hidden from non-admins by default and refused to them in any case",
  async (db) => {
    assert.equal(adminCommand.definition.default_member_permissions, "32");
    assert.deepEqual(adminCommand.definition.contexts, [0], "guilds only");
    await withHarness(db, { seed: true }, async (h) => {
      const member: Sender = {
        user: BOB,
        permissions: String(1n << 10n | 1n << 11n),
        roles: ["1"],
      };
      const attempts: [string, Record<string, unknown>][] = [
        ["link", { user: { user: CAROL }, player: "vid" }],
        ["unlink", { user: { user: CAROL } }],
        ["exclude-map", { map: "goldrush" }],
        ["rebuild", {}],
        ["server-token", {}],
        ["health", {}],
      ];
      for (const [sub, options] of attempts) {
        // deno-lint-ignore no-explicit-any
        const answer = await h.subcommand("admin", sub, options as any, member);
        assertEphemeral(answer, new RegExp(`^${escaped(REFUSED)}$`));
      }
      assertEphemeral(
        await h.subcommand("admin", "health", {}, { user: BOB, dm: true }),
        /Manage Server/,
      );
      await h.settled();
      assert.equal(h.fake.requests.length, 0, "nothing was deferred");
      assert.equal(await linkOfUser(db, CAROL.id), null);
      const [tokens] = await db.query<{ n: number }>(
        "select count(*)::int as n from upload_tokens",
      );
      assert.equal(tokens!.n, 1, "no token was issued");
      assert.ok(h.logs.some((l) => l.level === "warn" && l.fields.action === "/admin rebuild"));
    });
  },
);

dbTest("Manage Server, Administrator or the admin role each grant /admin", async (db) => {
  await withHarness(db, {}, async (h) => {
    for (
      const sender of [
        { user: BOB, permissions: "32" },
        { user: BOB, permissions: "8" },
        { user: BOB, permissions: String((1n << 40n) | 32n) },
        { user: BOB, permissions: "0", roles: ["7", ADMIN_ROLE_ID] },
      ]
    ) {
      const answer = await h.subcommand("admin", "health", {}, sender);
      assert.equal(answer.body.type, 4, JSON.stringify(sender));
      assert.equal(answer.body.data.flags, EPHEMERAL);
      assert.match(answer.body.data.embeds[0].title, /^etl-stats test: ok$/);
    }
  });
});

dbTest("/admin link and unlink manage other members' links under the same rules", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    assertEphemeral(
      await h.subcommand("admin", "link", { user: { user: BOB }, player: "vid" }, ADMIN),
      /^Linked <@500000000000000005> to \*\*vid\*\* \(`A3B1799D`\)\.$/,
    );
    const link = await linkOfUser(db, BOB.id);
    assert.equal(link?.guid, "A3B1799D");
    assert.equal(link?.linkedBy, ALICE.id, "the admin made it");
    assert.equal(link?.discordName, "bob");
    assert.match(
      (await h.command("whoami", {}, { user: BOB })).body.data.embeds[0].description,
      /by <@400000000000000004>/,
    );

    assertEphemeral(
      await h.subcommand("admin", "link", { user: { user: CAROL }, player: "vid" }, ADMIN),
      /is linked to <@500000000000000005>\. Type `\/admin unlink`/,
    );
    assertEphemeral(
      await h.subcommand("admin", "link", { user: { user: BOB }, player: "bronze" }, ADMIN),
      /<@500000000000000005> is linked to \*\*vid\*\*.*`\/admin unlink user:` first/,
    );
    assertEphemeral(
      await h.subcommand("admin", "link", { user: { user: BOB }, player: "nobody" }, ADMIN),
      /No player matches “nobody”/,
    );
    assertEphemeral(
      await h.subcommand("admin", "unlink", { user: { user: BOB } }, ADMIN),
      /^Unlinked <@500000000000000005> from \*\*vid\*\*/,
    );
    assertEphemeral(
      await h.subcommand("admin", "unlink", { user: { user: BOB } }, ADMIN),
      /<@500000000000000005> is not linked to a player/,
    );
  });
});

dbTest(
  "/admin exclude-map defers ephemerally, excludes the map and re-scores its sessions",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      const answer = await h.subcommand("admin", "exclude-map", { map: "GoldRush" }, ADMIN);
      assert.deepEqual(answer.body, { type: 5, data: { flags: EPHEMERAL } });
      await h.settled();
      const [edit] = h.editsOf(answer.token);
      assert.ok(edit);
      assert.match(
        edit.payload.content,
        /^Excluded goldrush: its rounds no longer count anywhere \(2 sessions re-scored\)\.$/,
      );
      assert.equal(edit.payload.flags, undefined);
      const rounds = await db.query<{ valid: boolean }>(
        "select is_valid as valid from rounds where lower(map) = 'goldrush'",
      );
      assert.equal(rounds.length, 8);
      assert.ok(rounds.every((r) => !r.valid));

      const again = await h.subcommand("admin", "exclude-map", { map: "goldrush" }, ADMIN);
      await h.settled();
      assert.match(h.editsOf(again.token)[0]!.payload.content, /^goldrush was already excluded/);

      assertEphemeral(
        await h.subcommand("admin", "exclude-map", { map: "MP_SILLYCTF" }, ADMIN),
        /mp_sillyctf is already excluded by the EXCLUDED_MAPS setting/,
      );
      assertEphemeral(
        await h.subcommand("admin", "exclude-map", { map: "gold rush" }, ADMIN),
        /“gold rush” is not a map name/,
      );
    });
  },
);

dbTest("/admin rebuild defers ephemerally and reports the rebuild", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const answer = await h.subcommand("admin", "rebuild", {}, ADMIN);
    assert.deepEqual(answer.body, { type: 5, data: { flags: EPHEMERAL } });
    await h.settled();
    assert.match(
      h.editsOf(answer.token)[0]!.payload.content,
      /^Rebuilt everything from 32 raw files in \d+\.\d s: 32 rounds, 0 failed, 0 duplicates left out\.$/,
    );
  });
});

dbTest("/admin server-token shows a working upload token once, ephemerally", async (db) => {
  await withHarness(db, {}, async (h) => {
    const answer = await h.subcommand("admin", "server-token", {}, ADMIN);
    assertEphemeral(answer, /^Upload token for \*\*test-server\*\*: store it now/);
    const token = /```\n(etl_\d+_\S+)\n```/.exec(answer.body.data.content)![1]!;
    const upload = await h.t.upload(WORKED_R1, workedExample(WORKED_R1), {
      authorization: `Bearer ${token}`,
    });
    assert.equal(upload.status, 201);

    assertEphemeral(
      await h.subcommand("admin", "server-token", { server: "TEST-SERVER" }, ADMIN),
      /^Upload token for \*\*test-server\*\*/,
    );
    assertEphemeral(
      await h.subcommand("admin", "server-token", { server: "eu-9" }, ADMIN),
      /No game server is named “eu-9”\. Servers: test-server\./,
    );
  });
});

dbTest("/admin health shows the database and each server's last upload", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const answer = await h.subcommand("admin", "health", {}, ADMIN);
    const embed = answer.body.data.embeds[0];
    assert.equal(embed.title, "etl-stats test: ok");
    assert.match(
      embed.fields[0].value,
      new RegExp(`^${db.engine}, reachable, schema version \\d+$`),
    );
    assert.match(
      embed.fields[1].value,
      /^\*\*test-server\*\* \(Europe\/Berlin\): 32 files, last upload <t:\d+:R>, 1 active tokens$/,
    );
  });
});

dbTest("/admin refuses the owner of any other server the bot was added to", async (db) => {
  const owner: Sender = { user: ALICE, permissions: "32" };
  // The harness's interactions come from GUILD_ID, which is not the community's server here.
  await withHarness(db, { config: { adminGuildIds: ["999999999999999999"] } }, async (h) => {
    assertEphemeral(
      await h.subcommand("admin", "health", {}, owner),
      new RegExp(`^${escaped(REFUSED)}$`),
    );
    const suggestions = await h.autocomplete("admin", ["map", "go"], {
      sub: "exclude-map",
      as: owner,
    });
    assert.deepEqual(suggestions.body.data.choices, []);
  });
});

dbTest("/admin is off until the community's server is named", async (db) => {
  await withHarness(db, { config: { adminGuildIds: [] } }, async (h) => {
    assertEphemeral(
      await h.subcommand("admin", "health", {}, { user: ALICE, permissions: "32" }),
      /`\/admin` is off/,
    );
  });
});
