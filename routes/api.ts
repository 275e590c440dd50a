/** The read API: sessions, rounds and players, as JSON. Lists are paginated with limit/offset. */
import { Hono } from "hono";
import { z } from "zod";
import { playerProfile, searchPlayers } from "../db/queries/players.ts";
import { latestRoundId, roundDetail } from "../db/queries/rounds.ts";
import {
  latestSessionId,
  listSessions,
  sessionDetail,
  sessionRosters,
  sessionSummary,
} from "../db/queries/sessions.ts";
import { playerProfileJson, playerSearchJson } from "../views/json/players.ts";
import { roundJson } from "../views/json/rounds.ts";
import { sessionDetailJson, sessionSummaryJson } from "../views/json/sessions.ts";
import type { AppDeps } from "./app.ts";
import { ApiError } from "./errors.ts";
import { parseParam } from "./params.ts";

const id = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
const guid = z.string().trim().min(1).max(64);

function notFound(what: string, value: unknown): never {
  throw new ApiError(404, "not_found", `no ${what} ${JSON.stringify(value)}`);
}

export function apiRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { db } = deps;

  const sessionResponse = async (sessionId: number) => {
    const summary = await sessionSummary(db, sessionId);
    if (!summary) notFound("session", sessionId);
    const [detail, rosters] = await Promise.all([
      sessionDetail(db, sessionId, summary),
      sessionRosters(db, sessionId),
    ]);
    return sessionDetailJson(summary, detail, rosters);
  };

  app.get("/api/v1/sessions", async (c) => {
    const { limit, offset } = parseParam(page, c.req.query(), "query");
    const { items, total } = await listSessions(db, { limit, offset });
    return c.json({
      items: items.map(sessionSummaryJson),
      total,
      limit,
      offset,
      nextOffset: offset + items.length < total ? offset + items.length : null,
    });
  });

  app.get("/api/v1/sessions/latest", async (c) => {
    const latest = await latestSessionId(db);
    if (latest === null) throw new ApiError(404, "not_found", "no session has been recorded yet");
    return c.json(await sessionResponse(latest));
  });

  app.get(
    "/api/v1/sessions/:id",
    async (c) => c.json(await sessionResponse(parseParam(id, c.req.param("id"), "id"))),
  );

  app.get("/api/v1/rounds/latest", async (c) => {
    const latest = await latestRoundId(db);
    if (latest === null) throw new ApiError(404, "not_found", "no round has been recorded yet");
    const detail = (await roundDetail(db, latest))!;
    return c.json(roundJson(detail.round, detail.players));
  });

  app.get("/api/v1/rounds/:id", async (c) => {
    const roundId = parseParam(id, c.req.param("id"), "id");
    const detail = await roundDetail(db, roundId);
    if (!detail) notFound("round", roundId);
    return c.json(roundJson(detail.round, detail.players));
  });

  app.get("/api/v1/players", async (c) => {
    const query = parseParam(
      z.object({
        search: z.string().trim().min(1).max(64),
        limit: z.coerce.number().int().min(1).max(50).default(20),
      }),
      c.req.query(),
      "query",
    );
    const rows = await searchPlayers(db, query.search, query.limit);
    return c.json({ items: rows.map(playerSearchJson) });
  });

  app.get("/api/v1/players/:guid", async (c) => {
    const key = parseParam(guid, c.req.param("guid"), "guid");
    const profile = await playerProfile(db, key, 10) ??
      await playerProfile(db, key.toUpperCase(), 10);
    if (!profile) notFound("player", key);
    return c.json(playerProfileJson(profile));
  });

  return app;
}
