import assert from "node:assert/strict";
import { loadConfig } from "../main.ts";

Deno.test("configuration defaults: port 8000, PGlite in ./data, 60-min sessions, mp_sillyctf excluded", () => {
  const loaded = loadConfig({});
  assert.ok(loaded.ok);
  assert.equal(loaded.config.port, 8000);
  assert.equal(loaded.config.host, "0.0.0.0");
  assert.equal(loaded.config.databaseUrl, null);
  assert.equal(loaded.config.dataDir, "./data");
  assert.equal(loaded.config.adminToken, null);
  assert.deepEqual(loaded.config.ingest.excludedMaps, ["mp_sillyctf"]);
  assert.equal(loaded.config.ingest.sessionGapMinutes, 60);
  assert.equal(loaded.config.ingest.roundMatchWindowMinutes, 45);
});

Deno.test("a malformed variable stops start-up with one line naming it", () => {
  for (
    const [env, name] of [
      [{ PORT: "eighty" }, "PORT"],
      [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
      [{ ADMIN_TOKEN: "short" }, "ADMIN_TOKEN"],
      [{ BOT_NAME_REGEX: "([" }, "BOT_NAME_REGEX"],
      [{ ROUND_MATCH_WINDOW_MINUTES: "90" }, "ROUND_MATCH_WINDOW_MINUTES"],
      [{ APP_ENV: "production" }, "DATABASE_URL"],
      [{ APP_ENV: "staging" }, "APP_ENV"],
      [{ CARD_RENDERER: "gpu" }, "CARD_RENDERER"],
    ] as const
  ) {
    const loaded = loadConfig(env);
    assert.ok(!loaded.ok, name);
    assert.match(loaded.message, new RegExp(`^invalid configuration: ${name}: `));
    assert.doesNotMatch(loaded.message, /\n/);
  }
});

Deno.test("lists and patterns are parsed: excluded maps lower-cased, bot regex case-insensitive", () => {
  const loaded = loadConfig({
    EXCLUDED_MAPS: "MP_SillyCTF, te_valhalla ,",
    BOT_NAME_REGEX: "^bot_",
  });
  assert.ok(loaded.ok);
  assert.deepEqual(loaded.config.ingest.excludedMaps, ["mp_sillyctf", "te_valhalla"]);
  assert.ok(loaded.config.ingest.botNamePattern?.test("BOT_Alice"));
});
