/**
 * The admin API (`/api/v1/admin/*`), behind `Authorization: Bearer <ADMIN_TOKEN>`: game servers and
 * their upload tokens, excluded maps, and the rebuild. Answers 403 while ADMIN_TOKEN is unset.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { isValidTimeZone } from "../domain/time_zones.ts";
import {
  addExcludedMap,
  listExcludedMaps,
  removeExcludedMap,
} from "../db/queries/excluded_maps.ts";
import {
  createServer,
  findServerById,
  listServers,
  revokeServerTokens,
} from "../db/queries/servers.ts";
import { setServerChannel } from "../db/queries/channel_posts.ts";
import { issueUploadToken } from "../ingest/auth.ts";
import { loadIngestContext } from "../ingest/context.ts";
import { rebuild } from "../ingest/rebuild.ts";
import { rederiveSessionsWithMap } from "../ingest/rederive.ts";
import type { AppDeps } from "./app.ts";
import { ApiError } from "./errors.ts";
import { parseParam } from "./params.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

const serverBody = z.object({
  name: z.string().trim().min(1).max(64),
  timeZone: z.string().trim().default("UTC").refine(
    isValidTimeZone,
    "not an IANA time zone (e.g. Europe/Berlin)",
  ),
});
const channelBody = z.object({
  channelId: z.string().regex(/^\d{17,20}$/, "a Discord channel id (17–20 digits)").nullable(),
});
const mapName = z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_.+-]+$/, "not a map name")
  .transform((map) => map.toLowerCase());

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiError(400, "invalid_json", "the request body must be JSON");
  }
}

export function adminRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { db } = deps;

  app.use("/api/v1/admin/*", async (c, next) => {
    if (!deps.adminToken) {
      throw new ApiError(
        403,
        "admin_disabled",
        "the admin API is disabled: set ADMIN_TOKEN to enable it",
      );
    }
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    if (!timingSafeEqual(digest(given), digest(deps.adminToken))) {
      throw new ApiError(401, "invalid_admin_token", "send Authorization: Bearer <ADMIN_TOKEN>");
    }
    await next();
  });

  app.get("/api/v1/admin/servers", async (c) => c.json({ items: await listServers(db) }));

  app.post("/api/v1/admin/servers", async (c) => {
    const body = parseParam(serverBody, await jsonBody(c.req.raw), "body");
    const server = await createServer(db, body.name, body.timeZone);
    if (!server) {
      throw new ApiError(
        409,
        "server_exists",
        `a server named ${JSON.stringify(body.name)} exists`,
      );
    }
    const { id, token } = await issueUploadToken(db, server.id);
    return c.json({
      server,
      tokenId: id,
      token,
      note: "store the token now: it is shown only once",
    }, 201);
  });

  app.post("/api/v1/admin/servers/:id/tokens", async (c) => {
    const serverId = parseParam(z.coerce.number().int().min(1), c.req.param("id"), "id");
    if (!await findServerById(db, serverId)) {
      throw new ApiError(404, "not_found", `no server ${serverId}`);
    }
    const { id, token } = await issueUploadToken(db, serverId);
    return c.json({
      serverId,
      tokenId: id,
      token,
      note: "store the token now: it is shown only once",
    }, 201);
  });

  app.delete("/api/v1/admin/servers/:id/tokens", async (c) => {
    const serverId = parseParam(z.coerce.number().int().min(1), c.req.param("id"), "id");
    if (!await findServerById(db, serverId)) {
      throw new ApiError(404, "not_found", `no server ${serverId}`);
    }
    return c.json({ serverId, revoked: await revokeServerTokens(db, serverId) });
  });

  app.put("/api/v1/admin/servers/:id/discord-channel", async (c) => {
    const serverId = parseParam(z.coerce.number().int().min(1), c.req.param("id"), "id");
    const body = parseParam(channelBody, await jsonBody(c.req.raw), "body");
    if (!await setServerChannel(db, serverId, body.channelId)) {
      throw new ApiError(404, "not_found", `no server ${serverId}`);
    }
    return c.json({ serverId, discordChannelId: body.channelId });
  });

  app.get("/api/v1/admin/excluded-maps", async (c) =>
    c.json({
      configured: deps.ingest.excludedMaps,
      items: await listExcludedMaps(db),
    }));

  app.post("/api/v1/admin/excluded-maps", async (c) => {
    const { map } = parseParam(z.object({ map: mapName }), await jsonBody(c.req.raw), "body");
    const added = await addExcludedMap(db, map);
    const sessions = await rederiveSessionsWithMap(
      db,
      await loadIngestContext(db, deps.ingest),
      map,
    );
    return c.json(
      { map, excluded: true, alreadyExcluded: !added, rederivedSessions: sessions },
      added ? 201 : 200,
    );
  });

  app.delete("/api/v1/admin/excluded-maps/:map", async (c) => {
    const map = parseParam(mapName, c.req.param("map"), "map");
    if (deps.ingest.excludedMaps.includes(map)) {
      throw new ApiError(
        409,
        "configured_exclusion",
        `${map} is excluded by EXCLUDED_MAPS; change the configuration`,
      );
    }
    if (!await removeExcludedMap(db, map)) {
      throw new ApiError(404, "not_found", `${map} is not excluded`);
    }
    const sessions = await rederiveSessionsWithMap(
      db,
      await loadIngestContext(db, deps.ingest),
      map,
    );
    return c.json({ map, excluded: false, rederivedSessions: sessions });
  });

  app.post("/api/v1/admin/rebuild", async (c) => {
    const summary = await rebuild(db, await loadIngestContext(db, deps.ingest));
    return c.json(summary);
  });

  return app;
}
