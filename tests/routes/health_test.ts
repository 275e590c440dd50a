import assert from "node:assert/strict";
import { createApp } from "../../routes/app.ts";

Deno.test("GET /health answers 200 with status ok and the version", async () => {
  const res = await createApp({ version: "9.9.9" }).request("/health");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok", version: "9.9.9" });
});

Deno.test("an unknown route answers 404 with a JSON error", async () => {
  const res = await createApp({ version: "1" }).request("/nowhere");
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, "not_found");
});
