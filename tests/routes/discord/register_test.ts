/** `deno task register`: PUTs the whole command list, globally or to one guild, idempotently. */
import assert from "node:assert/strict";
import { commandDefinitions } from "../../../routes/discord/command_registry.ts";
import { registerCommands } from "../../../routes/discord/register_cli.ts";
import { startFakeDiscord } from "../../helpers/fake_discord.ts";
import { runScript } from "../../helpers/run_cli.ts";
import { APP_ID, GUILD_ID } from "./discord_harness.ts";

const TOKEN = "fake-bot-token-0123456789";

Deno.test("register overwrites the global command list with every definition, idempotently", async () => {
  const fake = startFakeDiscord();
  try {
    const env = {
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_BOT_TOKEN: TOKEN,
      DISCORD_API_BASE_URL: fake.baseUrl,
    };
    const first = await registerCommands(env);
    const second = await registerCommands(env);
    assert.ok(first.ok && second.ok);
    assert.equal(first.scope, "global");
    assert.deepEqual(first.names, commandDefinitions().map((d) => d.name));
    assert.equal(fake.requests.length, 2);
    for (const request of fake.requests) {
      assert.equal(request.method, "PUT");
      assert.equal(request.path, `/api/v10/applications/${APP_ID}/commands`);
      assert.equal(request.headers.get("authorization"), `Bot ${TOKEN}`);
    }
    assert.deepEqual(fake.requests[0]!.payload, fake.requests[1]!.payload, "the same list twice");
    assert.deepEqual(fake.requests[0]!.payload, JSON.parse(JSON.stringify(commandDefinitions())));
  } finally {
    await fake.close();
  }
});

Deno.test("register targets one guild when DISCORD_GUILD_ID is set", async () => {
  const fake = startFakeDiscord();
  try {
    const result = await registerCommands({
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_BOT_TOKEN: TOKEN,
      DISCORD_API_BASE_URL: fake.baseUrl,
      DISCORD_GUILD_ID: GUILD_ID,
    });
    assert.ok(result.ok);
    assert.equal(result.scope, `guild ${GUILD_ID}`);
    assert.equal(
      fake.requests[0]!.path,
      `/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
    );
  } finally {
    await fake.close();
  }
});

Deno.test("register explains missing credentials and Discord's refusals", async () => {
  const fake = startFakeDiscord();
  try {
    const missing = await registerCommands({ DISCORD_APPLICATION_ID: APP_ID });
    assert.ok(!missing.ok);
    assert.match(missing.message, /set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN/);
    const bad = await registerCommands({ DISCORD_APPLICATION_ID: "12" });
    assert.ok(!bad.ok);
    assert.match(bad.message, /^invalid configuration: DISCORD_APPLICATION_ID: /);
    fake.failNext(400);
    const refused = await registerCommands({
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_BOT_TOKEN: TOKEN,
      DISCORD_API_BASE_URL: fake.baseUrl,
    });
    assert.ok(!refused.ok);
    assert.match(refused.message, /^Discord refused the commands: HTTP 400 .*fake failure/);
  } finally {
    await fake.close();
  }
});

Deno.test("deno task register's script prints what it registered and exits 0 (1 when unconfigured)", async () => {
  const fake = startFakeDiscord();
  try {
    const permissions = ["--allow-env", "--allow-net=127.0.0.1", "--allow-read"];
    const run = await runScript("routes/discord/register_cli.ts", [], {
      permissions,
      env: {
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_BOT_TOKEN: TOKEN,
        DISCORD_API_BASE_URL: fake.baseUrl,
        DISCORD_GUILD_ID: GUILD_ID,
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(`^registered 12 commands \\(guild ${GUILD_ID}\\): /stats, /compare,`),
    );
    const unconfigured = await runScript("routes/discord/register_cli.ts", [], { permissions });
    assert.equal(unconfigured.code, 1);
    assert.match(unconfigured.stderr, /set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN/);
  } finally {
    await fake.close();
  }
});

Deno.test("every definition is within Discord's limits for slash commands", () => {
  const definitions = commandDefinitions();
  assert.ok(definitions.length <= 100);
  const name = /^[-_\p{Ll}\p{N}]{1,32}$/u;
  // deno-lint-ignore no-explicit-any
  const checkOptions = (options: any[] = [], where: string) => {
    assert.ok(options.length <= 25, where);
    assert.equal(
      new Set(options.map((o) => o.name)).size,
      options.length,
      `${where}: unique names`,
    );
    let optionalSeen = false;
    for (const option of options) {
      assert.match(option.name, name, where);
      assert.ok(option.description.length >= 1 && option.description.length <= 100, option.name);
      if (option.type !== 1) {
        assert.ok(!(option.required && optionalSeen), `${where}: required options come first`);
        optionalSeen ||= !option.required;
      }
      assert.ok(
        !(option.choices && option.autocomplete),
        `${option.name}: choices or autocomplete`,
      );
      for (const choice of option.choices ?? []) {
        assert.ok(choice.name.length <= 100 && String(choice.value).length <= 100, choice.name);
      }
      assert.ok((option.choices ?? []).length <= 25);
      checkOptions(option.options, `${where} ${option.name}`);
    }
  };
  for (const definition of definitions) {
    assert.match(definition.name, name);
    assert.ok(definition.description.length >= 1 && definition.description.length <= 100);
    checkOptions(definition.options, definition.name);
  }
  const top = definitions.find((d) => d.name === "top")!;
  assert.equal(top.options![0]!.choices!.length, 13, "all 13 leaderboard categories");
  assert.deepEqual(top.options![1]!.choices!.map((c) => c.value), ["7d", "30d", "season", "all"]);
});
