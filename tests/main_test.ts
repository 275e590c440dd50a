import assert from "node:assert/strict";
import { loadConfig } from "../main.ts";

Deno.test("configuration defaults to port 8000 on all interfaces", () => {
  assert.deepEqual(loadConfig({}), { ok: true, config: { port: 8000, host: "0.0.0.0" } });
});

Deno.test("a malformed PORT stops start-up with one line naming it", () => {
  const loaded = loadConfig({ PORT: "eighty" });
  assert.ok(!loaded.ok);
  assert.match(loaded.message, /^invalid configuration: PORT: /);
  assert.doesNotMatch(loaded.message, /\n/);
});
