/** /link, /unlink, /whoami and /stats user: one Discord user ↔ one GUID (domain-rules §6). */
import assert from "node:assert/strict";
import { linkOfUser } from "../../../db/queries/discord_links.ts";
import { dbTest } from "../../helpers/test_db.ts";
import { ALICE, assertEphemeral, BOB, CAROL, EPHEMERAL, withHarness } from "./discord_harness.ts";

const VID = "A3B1799D";
const BRONZE = "6B65A6A4";

dbTest("a member links to one player, sees it with /whoami, and unlinks", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    assertEphemeral(
      await h.command("link", { player: "vid" }),
      /^Linked you to \*\*vid\*\* \(`A3B1799D`\)/,
    );
    const stored = await linkOfUser(db, ALICE.id);
    assert.equal(stored?.guid, VID);
    assert.equal(stored?.linkedBy, ALICE.id, "linked by the user themself");
    assert.equal(stored?.discordName, "Alice");

    // Linking the same player again changes nothing.
    assertEphemeral(
      await h.command("link", { player: VID.toLowerCase() }),
      /already linked to \*\*vid\*\*/,
    );

    const whoami = await h.command("whoami");
    assert.equal(whoami.body.type, 4);
    assert.equal(whoami.body.data.flags, EPHEMERAL);
    const embed = whoami.body.data.embeds[0];
    assert.equal(embed.title, "Linked to vid");
    assert.match(embed.description, /GUID `A3B1799D` · linked <t:\d+:d> by you/);
    assert.deepEqual(embed.fields.map((f: { name: string }) => f.name), ["Rounds", "K/D", "DPM"]);
    assert.ok(Number(embed.fields[0].value) > 0);

    assertEphemeral(await h.command("unlink"), /^Unlinked you from \*\*vid\*\* \(`A3B1799D`\)/);
    assert.equal(await linkOfUser(db, ALICE.id), null);
    assertEphemeral(await h.command("unlink"), /You are not linked to a player.*\/link/);
    assertEphemeral(await h.command("whoami"), /not linked to a player yet/);
  });
});

dbTest(
  "a linked member must unlink before relinking, and a linked GUID is refused to others",
  async (db) => {
    await withHarness(db, { seed: true }, async (h) => {
      await h.command("link", { player: "vid" });
      assertEphemeral(
        await h.command("link", { player: "bronze" }),
        /You are linked to \*\*vid\*\* \(`A3B1799D`\)\. Type `\/unlink` first/,
      );
      assert.equal((await linkOfUser(db, ALICE.id))?.guid, VID, "the first link stays");

      const bob = await h.command("link", { player: "vid" }, { user: BOB });
      assertEphemeral(bob, /\*\*vid\*\* \(`A3B1799D`\) is already linked to <@400000000000000004>/);
      assert.deepEqual(bob.body.data.allowed_mentions, { parse: [] }, "the mention does not ping");
      assert.equal(await linkOfUser(db, BOB.id), null);

      // Once Alice unlinks, Bob may take the GUID.
      await h.command("unlink");
      assertEphemeral(await h.command("link", { player: "vid" }, { user: BOB }), /^Linked you to/);
    });
  },
);

dbTest("two members linking the same GUID at once: exactly one wins", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    const answers = await Promise.all([
      h.command("link", { player: BRONZE }, { user: ALICE }),
      h.command("link", { player: BRONZE }, { user: CAROL }),
    ]);
    const contents = answers.map((a) => a.body.data.content as string);
    assert.equal(
      contents.filter((c) => c.startsWith("Linked you to")).length,
      1,
      contents.join("\n"),
    );
    assert.equal(
      contents.filter((c) => /is already linked to/.test(c)).length,
      1,
      contents.join("\n"),
    );
  });
});

dbTest("/stats user:@member uses their link, and says so when they have none", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    assertEphemeral(
      await h.command("stats", { user: { user: BOB } }),
      /^bob has not linked a player\. They can with `\/link`/,
    );
    await h.command("link", { player: "vid" }, { user: BOB });
    const answer = await h.command("stats", { user: { user: BOB } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.type, 5, "deferred: the card is drawn in the background");
    // Stats of yourself without options use your own link.
    assertEphemeral(await h.command("stats"), /You have not linked your player yet/);
  });
});

dbTest("linking from a DM works too (the caller is `user`, not `member`)", async (db) => {
  await withHarness(db, { seed: true }, async (h) => {
    assertEphemeral(
      await h.command("link", { player: "Lagger" }, { user: CAROL, dm: true }),
      /^Linked you/,
    );
    assert.equal((await linkOfUser(db, CAROL.id))?.playerName, "Lagger");
  });
});
