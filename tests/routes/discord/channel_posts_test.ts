/** Automatic channel posts: one per round, one per map, exactly one per session, retried on failure. */
import assert from "node:assert/strict";
import { type Db, openDb } from "../../../db/client.ts";
import { ChannelPoster, postAfterImport } from "../../../routes/discord/channel_posts.ts";
import { createDiscordDeps, type DiscordDeps } from "../../../routes/discord/discord_deps.ts";
import { startFakeDiscord } from "../../helpers/fake_discord.ts";
import { loadSampleSet, WORKED_R1, WORKED_R2, workedExample } from "../../helpers/fixtures.ts";
import { decodePng } from "../../helpers/golden.ts";
import { ADMIN_TOKEN, type TestApp, testApp } from "../../helpers/test_app.ts";
import { dbTest } from "../../helpers/test_db.ts";

const CHANNEL = "123456789012345678";
const SESSION_DAY = "2025-09-04";

interface Setup {
  t: TestApp;
  fake: ReturnType<typeof startFakeDiscord>;
  discord: DiscordDeps;
  poster: ChannelPoster;
  logs: { level: string; msg: string }[];
}

async function setup(db: Db, options: { channel?: boolean } = {}): Promise<Setup> {
  const fake = startFakeDiscord();
  const logs: { level: string; msg: string }[] = [];
  const discord = createDiscordDeps({
    publicKey: "a".repeat(64),
    applicationId: "100000000000000001",
    botToken: "test-bot-token-0123456789",
    apiBaseUrl: fake.baseUrl,
    guildId: null,
    adminRoleId: null,
    adminGuildIds: [],
  }, { log: (level, msg) => logs.push({ level, msg }) });
  let hook: (outcome: Parameters<ReturnType<typeof postAfterImport>>[0]) => void = () => {};
  const t = await testApp(db, { deps: { discord, onImported: (outcome) => hook(outcome) } });
  const poster = new ChannelPoster(db, discord.rest, {
    sessionGapMinutes: 60,
    now: () => t.clock.now,
    log: discord.log,
  });
  hook = postAfterImport(poster, discord.background);
  if (options.channel !== false) {
    const res = await t.app.request(`/api/v1/admin/servers/${t.serverId}/discord-channel`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ channelId: CHANNEL }),
    });
    assert.equal(res.status, 200);
  }
  return { t, fake, discord, poster, logs };
}

/** The clean sample files of one evening, oldest first. */
function evening(day: string): [string, Uint8Array][] {
  const { bytes } = loadSampleSet("clean");
  return [...bytes].filter(([name]) => name.startsWith(day)).sort(([a], [b]) => a.localeCompare(b));
}

/** A minute after the file's round (its name is Berlin local time): when a live upload arrives. */
function liveClock(name: string): number {
  const [y, mo, d, hms] = name.split("-") as [string, string, string, string];
  const offset = Number(mo) >= 4 && Number(mo) <= 10 ? "+02:00" : "+01:00";
  const iso = `${y}-${mo}-${d}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4, 6)}${offset}`;
  return Date.parse(iso) + 60_000;
}

/** Uploads files as a game server does live: each a minute after its round. */
async function uploadLive(s: Setup, files: [string, Uint8Array][]): Promise<void> {
  for (const [name, bytes] of files) {
    s.t.clock.now = liveClock(name);
    assert.equal((await s.t.upload(name, bytes)).status, 201, name);
    await s.discord.background.settled();
  }
}

const channelPosts = (s: Setup) =>
  s.fake.requests.filter((r) =>
    r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL}/messages`
  );

dbTest("a round post per Round 1, a map post per Round 2, each with its card", async (db) => {
  const s = await setup(db);
  try {
    const files = evening(SESSION_DAY);
    await uploadLive(s, files);
    // Uploading the same files again posts nothing new.
    for (const [name, bytes] of files) await s.t.upload(name, bytes);
    await s.discord.background.settled();

    const posts = channelPosts(s);
    assert.equal(posts.length, files.length);
    posts.forEach((post, i) => {
      const [name] = files[i]!;
      const map = name.split("-").slice(4, -2).join("-");
      const title: string = post.payload.embeds[0].title;
      if (name.endsWith("round-1.txt")) assert.equal(title, `${map} · Round 1`);
      else assert.equal(title, `${map} · map result`);
      assert.equal(post.headers.get("authorization"), "Bot test-bot-token-0123456789");
      const file = post.parts!.find((p) => p.contentType === "image/png")!;
      assert.ok(decodePng(file.bytes).width > 0);
      assert.equal(post.payload.embeds[0].image.url, `attachment://${file.fileName}`);
    });
    const mapPost = posts[1]!.payload.embeds[0];
    assert.match(mapPost.description, /win|Draw/);
    assert.ok(mapPost.fields.some((f: { name: string }) => f.name === "Session score"));
  } finally {
    await s.fake.close();
  }
});

dbTest(
  "exactly one session recap once the session has ended, even with two schedulers racing",
  async (db, engine) => {
    const s = await setup(db);
    let second: Db | null = null;
    try {
      const files = evening(SESSION_DAY);
      await uploadLive(s, files);
      const roundPosts = channelPosts(s).length;
      assert.equal(roundPosts, files.length);

      // Within the gap after the last round: the session goes on, nothing is queued.
      s.t.clock.now = liveClock(files[files.length - 1]![0]) + 30 * 60_000;
      assert.equal((await s.poster.tick()).queued, 0);

      // Two instances (their own connections on Postgres) run their pass at the same moment.
      s.t.clock.now = Date.parse("2025-09-05T06:00:00Z");
      if (engine === "postgres") {
        const [row] = await db.query<{ schema: string }>("select current_schema() as schema");
        second = await openDb({ databaseUrl: Deno.env.get("DATABASE_URL")!, schema: row!.schema });
      }
      const other = new ChannelPoster(second ?? db, s.discord.rest, {
        sessionGapMinutes: 60,
        now: () => s.t.clock.now,
        log: s.discord.log,
      });
      const results = await Promise.all([s.poster.tick(), other.tick(), s.poster.tick()]);
      assert.equal(results.reduce((n, r) => n + r.sent, 0), 1);
      const sessionPosts = channelPosts(s).slice(roundPosts);
      assert.equal(sessionPosts.length, 1);
      assert.match(sessionPosts[0]!.payload.embeds[0].title, new RegExp(`^Session ${SESSION_DAY}`));
      // Later passes (or a restart) post nothing more.
      assert.deepEqual(await s.poster.tick(), { queued: 0, sent: 0, failed: 0 });
      assert.equal(channelPosts(s).length, roundPosts + 1);
    } finally {
      await second?.close();
      await s.fake.close();
    }
  },
);

dbTest("a failing Discord never fails the upload; the post is retried with backoff", async (db) => {
  const s = await setup(db);
  try {
    const [[name, bytes]] = evening(SESSION_DAY) as [[string, Uint8Array]];
    s.fake.failNext(500, 1);
    s.t.clock.now = liveClock(name);
    assert.equal((await s.t.upload(name, bytes)).status, 201);
    await s.discord.background.settled();
    assert.equal(channelPosts(s).length, 1, "tried once");
    const [row] = await db.query<{ status: string; attempts: number; last_error: string }>(
      "select status, attempts, last_error from channel_posts",
    );
    assert.equal(row!.status, "failed");
    assert.equal(row!.attempts, 1);
    assert.match(row!.last_error, /500|fake failure/);
    assert.ok(s.logs.some((l) => l.level === "warn" && l.msg.includes("will retry")));

    // Not due yet: nothing is sent; after the backoff (30 s) it goes out.
    assert.equal((await s.poster.sendDue()).sent, 0);
    s.t.clock.now += 31_000;
    assert.equal((await s.poster.sendDue()).sent, 1);
    assert.equal(channelPosts(s).length, 2);
    const [after] = await db.query<{ status: string }>("select status from channel_posts");
    assert.equal(after!.status, "sent");
  } finally {
    await s.fake.close();
  }
});

dbTest(
  "a server without a channel posts nothing, and history never triggers a recap",
  async (db) => {
    const s = await setup(db, { channel: false });
    try {
      for (const [name, bytes] of evening(SESSION_DAY)) await s.t.upload(name, bytes);
      await s.discord.background.settled();
      // Configuring a channel afterwards does not announce the sessions already played.
      await db.query("update servers set discord_channel_id = $1", [CHANNEL]);
      assert.deepEqual(await s.poster.tick(), { queued: 0, sent: 0, failed: 0 });
      assert.equal(s.fake.requests.length, 0);
    } finally {
      await s.fake.close();
    }
  },
);

dbTest("the admin API sets and clears a server's channel and validates it", async (db) => {
  const s = await setup(db, { channel: false });
  try {
    const put = (id: number | string, body: unknown) =>
      s.t.app.request(`/api/v1/admin/servers/${id}/discord-channel`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    assert.equal((await put(s.t.serverId, { channelId: "12" })).status, 400);
    assert.equal((await put(999, { channelId: CHANNEL })).status, 404);
    assert.equal((await put(s.t.serverId, { channelId: CHANNEL })).status, 200);
    const listed = await s.t.app.request("/api/v1/admin/servers", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal((await listed.json()).items[0].discordChannelId, CHANNEL);
    assert.equal((await put(s.t.serverId, { channelId: null })).status, 200);
  } finally {
    await s.fake.close();
  }
});

dbTest(
  "history uploaded over HTTP (a backfill, a flushed spool) is stored, not announced",
  async (db) => {
    const s = await setup(db);
    try {
      // A week after that evening, the uploader back-fills it.
      s.t.clock.now = Date.parse("2025-09-11T12:00:00Z");
      for (const [name, bytes] of evening(SESSION_DAY)) {
        assert.equal((await s.t.upload(name, bytes)).status, 201, name);
      }
      await s.discord.background.settled();
      assert.deepEqual(await s.poster.tick(), { queued: 0, sent: 0, failed: 0 });
      assert.equal(s.fake.requests.length, 0);
    } finally {
      await s.fake.close();
    }
  },
);

dbTest("a Round 1 that completes a waiting Round 2 posts that map's result", async (db) => {
  const s = await setup(db);
  try {
    await uploadLive(s, [[WORKED_R2, workedExample(WORKED_R2)]]);
    assert.equal(channelPosts(s).length, 0, "an orphan Round 2 is not counted, so not posted");
    await uploadLive(s, [[WORKED_R1, workedExample(WORKED_R1)]]);
    const titles = channelPosts(s).map((p) => p.payload.embeds[0].title);
    assert.deepEqual(titles.sort(), ["etl_supply · Round 1", "etl_supply · map result"]);
  } finally {
    await s.fake.close();
  }
});

dbTest(
  "a post Discord accepted is never sent again, even when recording it fails once",
  async (db) => {
    const s = await setup(db);
    try {
      let failures = 1;
      const flaky: Db = {
        ...db,
        query: (text, params) => {
          if (text.includes("set status = 'sent'") && failures > 0) {
            failures--;
            return Promise.reject(new Error("connection reset"));
          }
          return db.query(text, params);
        },
      } as Db;
      const poster = new ChannelPoster(flaky, s.discord.rest, {
        sessionGapMinutes: 60,
        now: () => s.t.clock.now,
        log: s.discord.log,
      });
      const [[name, bytes]] = evening(SESSION_DAY) as [[string, Uint8Array]];
      s.t.clock.now = liveClock(name);
      assert.equal((await s.t.upload(name, bytes)).status, 201);
      await s.discord.background.settled();
      // The app's own poster sent it; now a second round's post goes through the flaky one.
      const [, [second, secondBytes]] = evening(SESSION_DAY) as [unknown, [string, Uint8Array]];
      s.t.clock.now = liveClock(second);
      await db.query("update servers set discord_channel_id = null");
      assert.equal((await s.t.upload(second, secondBytes)).status, 201);
      await s.discord.background.settled();
      await db.query("update servers set discord_channel_id = $1", [CHANNEL]);
      await poster.afterImport(
        (await db.query<{ id: number }>("select id from rounds where file_name = $1", [second]))[0]!
          .id,
      );
      assert.equal(channelPosts(s).length, 2);
      s.t.clock.now += 3600_000;
      assert.deepEqual(await poster.sendDue(), { sent: 0, failed: 0 });
      assert.equal(channelPosts(s).length, 2, "nothing was sent twice");
      const [row] = await db.query<{ status: string }>(
        "select status from channel_posts where subject_key = (select id::text from rounds where file_name = $1)",
        [second],
      );
      assert.equal(row!.status, "sent");
    } finally {
      await s.fake.close();
    }
  },
);
