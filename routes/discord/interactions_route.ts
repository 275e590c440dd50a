/**
 * `POST /interactions`: Discord's Interactions Endpoint URL. The Ed25519 signature is checked
 * before anything else (401 when missing, wrong or stale), then the body must be JSON (400) of an
 * interaction we handle (400 otherwise). Answers within Discord's 3 seconds: directly, or with a
 * deferral whose work goes on in `deps.discord.background`. 503 while Discord is not configured.
 */
import { Hono } from "hono";
import type { AppDeps } from "../app.ts";
import { readBody } from "../body.ts";
import { ApiError } from "../errors.ts";
import { handleInteraction } from "./dispatch.ts";
import { parseInteraction } from "./interaction_schema.ts";

/** Interactions are a few kilobytes; anything this large is not one. */
export const MAX_INTERACTION_BYTES = 256 * 1024;

function decodeJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new ApiError(400, "invalid_json", "the interaction body must be UTF-8 JSON");
  }
}

export function interactionsRoute(deps: AppDeps): Hono {
  const app = new Hono();

  app.post("/interactions", async (c) => {
    const discord = deps.discord;
    if (!discord) {
      throw new ApiError(
        503,
        "discord_not_configured",
        "Discord is not configured: set DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID",
      );
    }
    const body = await readBody(c.req.raw, MAX_INTERACTION_BYTES);
    const failure = await discord.verifySignature({
      signature: c.req.header("x-signature-ed25519") ?? null,
      timestamp: c.req.header("x-signature-timestamp") ?? null,
      body,
    }, deps.now());
    if (failure) throw new ApiError(401, failure.code, failure.message);
    const parsed = parseInteraction(decodeJson(body));
    if (!parsed.ok) throw new ApiError(400, parsed.error.code, parsed.error.message);
    return c.json(await handleInteraction({ ...deps, discord }, parsed.interaction));
  });

  return app;
}
