/**
 * `GET /cards/...png`: the stat cards as images. The ETag is a hash of the card's input data and
 * version, so a client holding the current picture gets 304 without anything being rendered.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { CardRequest } from "../../views/cards/card_request.ts";
import type { AppDeps } from "../app.ts";
import { ApiError } from "../errors.ts";
import { parseParam } from "../params.ts";
import { cardRenderer, loadCardInput } from "./load_card.ts";

const id = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const guid = z.string().trim().min(1).max(64).transform((g) => g.toUpperCase());
const leaderboardQuery = z.object({ period: z.string().trim().min(1).max(16).default("all") });

/** `12.png` → `12`; anything else is not a card URL (404). */
function withoutPng(c: Context, param: string): string {
  const value = c.req.param(param) ?? "";
  if (!value.endsWith(".png")) {
    throw new ApiError(404, "not_found", `no route for GET ${c.req.path} (cards end in .png)`);
  }
  // Hono has already percent-decoded the parameter.
  return value.slice(0, -4);
}

/** `If-None-Match` against our strong ETag: `*`, or any listed tag (weak `W/` prefixes too). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").map((tag) => tag.trim().replace(/^W\//, "")).some((tag) =>
    tag === "*" || tag === etag
  );
}

function describe(request: CardRequest): string {
  switch (request.kind) {
    case "session":
    case "session_graphs":
      return `session ${request.sessionId}`;
    case "round":
      return `round ${request.roundId}`;
    case "player":
      return `player ${JSON.stringify(request.guid)}`;
    case "compare":
      return `player ${JSON.stringify(request.guidA)} or ${JSON.stringify(request.guidB)}`;
    case "leaderboard":
      return `leaderboard ${request.category}`;
  }
}

export function cardRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  const respond = async (c: Context, request: CardRequest) => {
    const card = await loadCardInput(deps.db, request, deps.now());
    if (!card) throw new ApiError(404, "not_found", `no ${describe(request)}`);
    const renderer = await cardRenderer();
    const etag = await renderer.etag(card.card, card.input);
    const headers = { etag, "cache-control": "public, max-age=60" };
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
    const rendered = await renderer.render(card.card, card.input, etag);
    return c.body(rendered.png as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      "content-type": "image/png",
    });
  };

  app.get(
    "/cards/session/:file",
    (c) => respond(c, { kind: "session", sessionId: parseParam(id, withoutPng(c, "file"), "id") }),
  );
  app.get(
    "/cards/session/:id/graphs.png",
    (c) =>
      respond(c, { kind: "session_graphs", sessionId: parseParam(id, c.req.param("id"), "id") }),
  );
  app.get(
    "/cards/player/:file",
    (c) => respond(c, { kind: "player", guid: parseParam(guid, withoutPng(c, "file"), "guid") }),
  );
  app.get("/cards/compare/:a/:file", (c) =>
    respond(c, {
      kind: "compare",
      guidA: parseParam(guid, c.req.param("a"), "a"),
      guidB: parseParam(guid, withoutPng(c, "file"), "b"),
    }));
  app.get("/cards/leaderboard/:file", (c) =>
    respond(c, {
      kind: "leaderboard",
      category: withoutPng(c, "file"),
      period: parseParam(leaderboardQuery, c.req.query(), "query").period,
    }));
  app.get(
    "/cards/round/:file",
    (c) => respond(c, { kind: "round", roundId: parseParam(id, withoutPng(c, "file"), "id") }),
  );

  return app;
}
