import assert from "node:assert/strict";
import { generateSigningKey, signedHeaders } from "../../helpers/discord_signing.ts";
import { testApp } from "../../helpers/test_app.ts";
import { dbTest } from "../../helpers/test_db.ts";
import { APP_ID, withHarness } from "./discord_harness.ts";

dbTest("POST /interactions answers 503 discord_not_configured without a public key", async (db) => {
  const t = await testApp(db);
  const res = await t.app.request("/interactions", { method: "POST", body: '{"type":1}' });
  assert.equal(res.status, 503);
  assert.equal((await res.json()).error.code, "discord_not_configured");
});

dbTest("a signed PING is answered with PONG", async (db) => {
  await withHarness(db, {}, async (h) => {
    const answer = await h.send({ type: 1, id: "1", application_id: APP_ID, version: 1 });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { type: 1 });
  });
});

dbTest("missing, malformed or wrong signatures are refused with 401 before parsing", async (db) => {
  await withHarness(db, {}, async (h) => {
    const body = JSON.stringify({ type: 1, id: "1", application_id: APP_ID });
    const now = Math.floor(h.t.clock.now / 1000);
    const good = await signedHeaders(h.key, body, now);

    const missing = await h.post(body, { "content-type": "application/json" });
    assert.equal(missing.status, 401);
    assert.equal((await missing.json()).error.code, "missing_signature");

    const noTimestamp = await h.post(body, { "x-signature-ed25519": good["x-signature-ed25519"]! });
    assert.equal((await noTimestamp.json()).error.code, "missing_signature");

    for (
      const headers of [
        { ...good, "x-signature-ed25519": "zz" + good["x-signature-ed25519"]!.slice(2) },
        { ...good, "x-signature-ed25519": good["x-signature-ed25519"]!.slice(0, 100) },
        // Signed for another timestamp.
        { ...good, "x-signature-timestamp": String(now + 1) },
        { ...good, "x-signature-timestamp": "not-a-number" },
      ]
    ) {
      const res = await h.post(body, headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal((await res.json()).error.code, "invalid_signature");
    }

    // The body was changed after signing (one byte).
    const tampered = await h.post(body.replace('"type":1', '"type":2'), good);
    assert.equal(tampered.status, 401);
    assert.equal((await tampered.json()).error.code, "invalid_signature");

    // Signed by another key pair.
    const stranger = await signedHeaders(await generateSigningKey(), body, now);
    assert.equal((await h.post(body, stranger)).status, 401);
  });
});

dbTest("a timestamp more than five minutes old or ahead is refused as stale", async (db) => {
  await withHarness(db, {}, async (h) => {
    const now = Math.floor(h.t.clock.now / 1000);
    const ping = { type: 1, id: "1", application_id: APP_ID };
    for (const offset of [-301, 301, -86_400]) {
      const answer = await h.send(ping, now + offset);
      assert.equal(answer.status, 401, `offset ${offset}`);
      assert.equal(answer.body.error.code, "stale_timestamp");
    }
    assert.equal((await h.send(ping, now - 299)).status, 200);
    assert.equal((await h.send(ping, now + 299)).status, 200);
  });
});

dbTest("a signed body that is not JSON is answered 400 invalid_json", async (db) => {
  await withHarness(db, {}, async (h) => {
    const now = Math.floor(h.t.clock.now / 1000);
    for (const body of ["{not json", "", new Uint8Array([0x7b, 0xff, 0x7d])]) {
      const res = await h.post(body, await signedHeaders(h.key, body, now));
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, "invalid_json");
    }
  });
});

dbTest("unknown interaction types and malformed interactions are answered 400", async (db) => {
  await withHarness(db, {}, async (h) => {
    for (const type of [5, 99, "2", null]) {
      const answer = await h.send({ type, id: "1", application_id: APP_ID });
      assert.equal(answer.status, 400, String(type));
      assert.equal(answer.body.error.code, "unknown_interaction_type");
    }
    const noData = await h.send({
      type: 2,
      id: "1",
      application_id: APP_ID,
      token: "t",
      member: { user: { id: "1", username: "a" }, roles: [], permissions: "0" },
    });
    assert.equal(noData.status, 400);
    assert.equal(noData.body.error.code, "invalid_interaction");
    assert.match(noData.body.error.message, /interaction\.data/);

    const noCaller = await h.send({
      type: 2,
      id: "1",
      application_id: APP_ID,
      token: "t",
      data: { id: "1", name: "help" },
    });
    assert.equal(noCaller.status, 400);
    assert.match(noCaller.body.error.message, /member or user is required/);

    const badPermissions = await h.send({
      type: 2,
      id: "1",
      application_id: APP_ID,
      token: "t",
      data: { id: "1", name: "help" },
      member: { user: { id: "1", username: "a" }, roles: [], permissions: "lots" },
    });
    assert.equal(badPermissions.status, 400);
    assert.match(badPermissions.body.error.message, /permissions/);
  });
});

dbTest("an interaction body over 256 KiB is refused with 413", async (db) => {
  await withHarness(db, {}, async (h) => {
    const body = JSON.stringify({ type: 1, padding: "x".repeat(300 * 1024) });
    const res = await h.post(
      body,
      await signedHeaders(h.key, body, Math.floor(h.t.clock.now / 1000)),
    );
    assert.equal(res.status, 413);
  });
});
