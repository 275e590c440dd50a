/**
 * `main.ts` as a real process: configuration, the wiring of Discord and automatic channel posts,
 * request logs and metrics, against a fake Discord API on loopback (PGlite in a temp dir).
 */
import assert from "node:assert/strict";
import { startFakeDiscord } from "./helpers/fake_discord.ts";
import { WORKED_R1, workedExample } from "./helpers/fixtures.ts";
import { generateSigningKey, signedHeaders } from "./helpers/discord_signing.ts";
import { PROJECT_ROOT } from "./helpers/run_cli.ts";

const ADMIN = "main-process-admin-token-0123";
const CHANNEL = "123456789012345678";

/** The file's name with the current UTC time as its game-server time (the server is in UTC). */
function justPlayed(name: string): string {
  const now = new Date().toISOString(); // 2026-11-21T15:04:05.123Z
  const stamp = `${now.slice(0, 10)}-${now.slice(11, 13)}${now.slice(14, 16)}${now.slice(17, 19)}`;
  return `${stamp}${name.slice(17)}`;
}

function freePort(): number {
  const listener = Deno.listen({ port: 0, hostname: "127.0.0.1" });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

Deno.test({
  name: "main.ts serves, logs JSON with request ids, answers Discord and posts to a channel",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const fake = startFakeDiscord();
    const key = await generateSigningKey();
    const dataDir = await Deno.makeTempDir();
    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["task", "--quiet", "start"],
      cwd: PROJECT_ROOT,
      env: {
        NO_COLOR: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: "",
        DATA_DIR: dataDir,
        ADMIN_TOKEN: ADMIN,
        DISCORD_PUBLIC_KEY: key.publicKeyHex,
        DISCORD_APPLICATION_ID: "100000000000000001",
        DISCORD_BOT_TOKEN: "test-bot-token-0123456789",
        DISCORD_API_BASE_URL: fake.baseUrl,
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const base = `http://127.0.0.1:${port}`;
    const admin = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
    try {
      await waitFor("/health", async () => {
        const res = await fetch(`${base}/health`);
        await res.body?.cancel();
        return res.ok ? true : null;
      });
      const created = await (await fetch(`${base}/api/v1/admin/servers`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ name: "eu-1", timeZone: "UTC" }),
      })).json();
      const channel = await fetch(
        `${base}/api/v1/admin/servers/${created.server.id}/discord-channel`,
        {
          method: "PUT",
          headers: admin,
          body: JSON.stringify({ channelId: CHANNEL }),
        },
      );
      assert.equal(channel.status, 200, await channel.text());

      // A round that has just been played (posts are for live rounds, not history).
      const upload = await fetch(`${base}/api/v1/stats-files`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${created.token}`,
          "x-stats-filename": justPlayed(WORKED_R1),
          "x-request-id": "trace-me-1",
        },
        body: workedExample(WORKED_R1) as Uint8Array<ArrayBuffer>,
      });
      assert.equal(upload.status, 201);
      assert.equal(upload.headers.get("x-request-id"), "trace-me-1");
      await upload.body?.cancel();

      // The round's post reaches the channel in the background.
      const [post] = await fake.waitForRequests(1, 30_000);
      assert.equal(post!.path, `/api/v10/channels/${CHANNEL}/messages`);
      assert.equal(post!.payload.embeds[0].title, "etl_supply · Round 1");

      // A signed PING is answered with PONG by the real process.
      const ping = JSON.stringify({
        type: 1,
        id: "1",
        application_id: "100000000000000001",
        token: "t",
        version: 1,
      });
      const pong = await fetch(`${base}/interactions`, {
        method: "POST",
        headers: await signedHeaders(key, ping, Math.floor(Date.now() / 1000)),
        body: ping,
      });
      assert.deepEqual(await pong.json(), { type: 1 });

      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /etl_uploads_total\{outcome="imported"\} 1/);
      assert.match(metrics, /etl_discord_posts_total\{kind="round",result="sent"\} 1/);
      assert.match(metrics, /etl_discord_interactions_total\{type="ping",command=""\} 1/);
    } finally {
      child.kill("SIGTERM");
      const output = await child.output();
      await fake.close();
      await Deno.remove(dataDir, { recursive: true });
      const lines = new TextDecoder().decode(output.stdout).split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line));
      const logged = lines.find((l) => l.msg === "request" && l.requestId === "trace-me-1");
      assert.ok(logged, "the upload was logged with its request id");
      assert.equal(logged.path, "/api/v1/stats-files");
      assert.equal(logged.status, 201);
      assert.equal(output.code, 0, "SIGTERM shuts down cleanly");
    }
  },
});

Deno.test("a missing or malformed variable stops main.ts with one line naming it", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "start"],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1", APP_ENV: "production", DATABASE_URL: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 1);
  const stderr = new TextDecoder().decode(output.stderr).trim();
  assert.equal(stderr.split("\n").length, 1, stderr);
  assert.match(stderr, /^invalid configuration: DATABASE_URL: is required when APP_ENV=production/);
});
