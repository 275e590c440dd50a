/** The small parts: custom ids, configuration, permissions, the API base URL, background tasks. */
import assert from "node:assert/strict";
import { BackgroundTasks } from "../../../routes/discord/background_tasks.ts";
import {
  type ComponentAction,
  decodeCustomId,
  encodeCustomId,
} from "../../../routes/discord/custom_ids.ts";
import { discordConfigOf, loadDiscordEnv } from "../../../routes/discord/discord_config.ts";
import { createDiscordRest, splitApiBaseUrl } from "../../../routes/discord/discord_rest.ts";
import { isAdmin } from "../../../routes/discord/permissions.ts";
import { loadConfig } from "../../../main.ts";
import { startFakeDiscord } from "../../helpers/fake_discord.ts";

Deno.test("custom ids round-trip every view and refuse anything we did not write", () => {
  const actions: ComponentAction[] = [
    { kind: "session_overview", sessionId: 12 },
    { kind: "session_graphs", sessionId: 2147483647 },
    { kind: "session_maps", sessionId: 3, page: 0 },
    { kind: "session_maps", sessionId: 3, page: 7 },
    { kind: "sessions_page", offset: 0 },
    { kind: "sessions_page", offset: 20 },
    { kind: "sessions_open" },
  ];
  for (const action of actions) {
    const id = encodeCustomId(action);
    assert.ok(id.length <= 100);
    assert.deepEqual(decodeCustomId(id), action);
  }
  for (
    const junk of [
      "",
      "session:overview",
      "session:overview:0",
      "session:overview:01",
      "session:overview:2147483648",
      "session:overview:-1",
      "session:overview:1:2",
      "session:maps:1",
      "session:maps:1:x",
      "sessions:page",
      "sessions:page:5:1",
      "sessions:open:1",
      "round:show:1",
      "session:graphs:1e3",
    ]
  ) {
    assert.equal(decodeCustomId(junk), null, junk);
  }
});

Deno.test("Discord configuration: off by default, needs an application id with a public key", () => {
  const off = loadConfig({});
  assert.ok(off.ok);
  assert.equal(off.config.discord, null);

  const key = "ab".repeat(32);
  const on = loadConfig({
    DISCORD_PUBLIC_KEY: key.toUpperCase(),
    DISCORD_APPLICATION_ID: "100000000000000001",
    DISCORD_API_BASE_URL: "http://127.0.0.1:9999/api/v10/",
    DISCORD_ADMIN_ROLE_ID: "",
  });
  assert.ok(on.ok);
  assert.deepEqual(on.config.discord, {
    publicKey: key,
    applicationId: "100000000000000001",
    botToken: null,
    apiBaseUrl: "http://127.0.0.1:9999/api/v10",
    guildId: null,
    adminRoleId: null,
    adminGuildIds: [],
  });
  const home = { DISCORD_PUBLIC_KEY: key, DISCORD_APPLICATION_ID: "100000000000000001" };
  const guild = loadConfig({ ...home, DISCORD_GUILD_ID: "200000000000000002" });
  assert.ok(guild.ok);
  assert.deepEqual(guild.config.discord?.adminGuildIds, ["200000000000000002"]);
  const listed = loadConfig({
    ...home,
    DISCORD_GUILD_ID: "200000000000000002",
    DISCORD_ADMIN_GUILD_IDS: "300000000000000003, 400000000000000004",
  });
  assert.ok(listed.ok);
  assert.deepEqual(listed.config.discord?.adminGuildIds, [
    "300000000000000003",
    "400000000000000004",
  ]);
  const bad = loadConfig({ ...home, DISCORD_ADMIN_GUILD_IDS: "42" });
  assert.ok(!bad.ok);
  assert.match(bad.message, /^invalid configuration: DISCORD_ADMIN_GUILD_IDS: /);
  const defaults = discordConfigOf(
    { DISCORD_PUBLIC_KEY: key, DISCORD_APPLICATION_ID: "100000000000000001" } as never,
  );
  assert.equal(defaults?.apiBaseUrl, "https://discord.com/api/v10");

  for (
    const [env, name] of [
      [{ DISCORD_PUBLIC_KEY: key }, "DISCORD_APPLICATION_ID"],
      [
        { DISCORD_PUBLIC_KEY: "xyz", DISCORD_APPLICATION_ID: "100000000000000001" },
        "DISCORD_PUBLIC_KEY",
      ],
      [{ DISCORD_GUILD_ID: "guild" }, "DISCORD_GUILD_ID"],
      [{ DISCORD_API_BASE_URL: "ftp://x" }, "DISCORD_API_BASE_URL"],
      [{ DISCORD_BOT_TOKEN: "short" }, "DISCORD_BOT_TOKEN"],
    ] as const
  ) {
    const loaded = loadConfig(env);
    assert.ok(!loaded.ok, name);
    assert.match(loaded.message, new RegExp(`^invalid configuration: ${name}: `));
    const alone = loadDiscordEnv(env);
    assert.ok(!alone.ok);
    assert.match(alone.message, new RegExp(`^invalid configuration: ${name}: `));
  }
});

Deno.test("the API base URL splits into discordeno's base and version", () => {
  assert.deepEqual(splitApiBaseUrl("https://discord.com/api/v10"), {
    baseUrl: "https://discord.com/api",
    version: 10,
  });
  assert.deepEqual(splitApiBaseUrl("http://127.0.0.1:1234/api/v9/"), {
    baseUrl: "http://127.0.0.1:1234/api",
    version: 9,
  });
  assert.deepEqual(splitApiBaseUrl("https://proxy.example/api"), {
    baseUrl: "https://proxy.example/api",
    version: 10,
  });
});

Deno.test("admins: Manage Server or Administrator bits, or the admin role; only in the community's servers, never in a DM", () => {
  const HOME = "200000000000000002";
  const config = (adminRoleId: string | null, adminGuildIds = [HOME]) => ({
    adminRoleId,
    adminGuildIds,
  });
  const member = (permissions: string, roles: string[] = []) => ({
    guildId: HOME,
    member: { user: { id: "1", username: "u" }, permissions, roles },
  });
  assert.ok(isAdmin(member("32"), config(null)));
  assert.ok(isAdmin(member("8"), config(null)));
  assert.ok(isAdmin(member(String((1n << 45n) | 8n)), config(null)));
  assert.ok(!isAdmin(member(String((1n << 45n) | 16n)), config(null)));
  assert.ok(isAdmin(member("0", ["5", "9"]), config("9")));
  assert.ok(!isAdmin(member("0", ["5"]), config("9")));
  assert.ok(!isAdmin(member("0", []), config(null)));
  assert.ok(!isAdmin({ guildId: null, member: null }, config("9")));
  // The owner of any other server has Manage Server there: that is not enough.
  assert.ok(!isAdmin({ ...member("32"), guildId: "300000000000000003" }, config(null)));
  assert.ok(!isAdmin(member("32"), config(null, [])));
});

Deno.test("background tasks can be awaited, including tasks started while waiting", async () => {
  const errors: unknown[] = [];
  const tasks = new BackgroundTasks((error) => errors.push(error));
  const done: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  tasks.run(async () => {
    await gate;
    tasks.run(async () => {
      await Promise.resolve();
      done.push("second");
    });
    done.push("first");
  });
  tasks.run(() => Promise.reject(new Error("boom")));
  assert.equal(tasks.pending, 2);
  const settled = tasks.settled();
  release();
  await settled;
  assert.deepEqual(done, ["first", "second"]);
  assert.equal(tasks.pending, 0);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /boom/);
});

Deno.test("the REST client sends JSON or multipart to the configured base URL, with the right auth", async () => {
  const fake = startFakeDiscord();
  try {
    const rest = createDiscordRest({
      apiBaseUrl: fake.baseUrl,
      applicationId: "100000000000000001",
      botToken: "bot-token-0123456789abcdef",
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await rest.editOriginalResponse("tok", {
      content: "x",
      files: [{ name: "a.png", bytes: png, contentType: "image/png" }],
    });
    await rest.sendFollowup("tok", { content: "only you", flags: 64 });
    const created = await rest.createMessage("800000000000000008", { content: "posted" });
    assert.match(created.id ?? "", /^\d+$/);

    const [edit, followup, post] = fake.requests;
    assert.equal(edit!.method, "PATCH");
    assert.equal(edit!.path, "/api/v10/webhooks/100000000000000001/tok/messages/@original");
    assert.equal(edit!.headers.get("authorization"), null);
    assert.deepEqual(edit!.parts!.map((p) => [p.name, p.fileName, p.contentType]), [
      ["files[0]", "a.png", "image/png"],
      ["payload_json", null, null],
    ]);
    assert.deepEqual(edit!.parts![0]!.bytes, png);
    assert.deepEqual(edit!.payload, { content: "x", attachments: [{ id: 0, filename: "a.png" }] });

    assert.equal(followup!.method, "POST");
    assert.equal(followup!.path, "/api/v10/webhooks/100000000000000001/tok");
    assert.equal(followup!.parts, null);
    assert.deepEqual(followup!.payload, { content: "only you", flags: 64 });

    assert.equal(post!.path, "/api/v10/channels/800000000000000008/messages");
    assert.equal(post!.headers.get("authorization"), "Bot bot-token-0123456789abcdef");

    fake.failNext(404);
    await assert.rejects(rest.editOriginalResponse("gone", { content: "x" }));
  } finally {
    await fake.close();
  }
});
