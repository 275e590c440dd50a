import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Db } from "../db/client.ts";
import { StatisticsKeeper } from "../db/maintenance.ts";
import { schemaVersion } from "../db/migrate.ts";
import type { IngestSettings } from "../ingest/context.ts";
import type { IngestOutcome } from "../ingest/pipeline.ts";
import { ApiError } from "./errors.ts";
import { adminRoutes } from "./admin.ts";
import { apiRoutes } from "./api.ts";
import type { DiscordDeps } from "./discord/discord_deps.ts";
import { interactionsRoute } from "./discord/interactions_route.ts";
import { cardRoutes } from "./cards/card_routes.ts";
import { leaderboardRoutes } from "./leaderboards.ts";
import { metricsRoutes } from "./metrics.ts";
import { log, requestLog } from "./request_log.ts";
import { uploadRoutes } from "./upload.ts";

export { ApiError } from "./errors.ts";

/** Everything the HTTP app needs from the outside world. */
export interface AppDeps {
  db: Db;
  version: string;
  ingest: IngestSettings;
  /** Bearer token of the admin API; the admin API answers 403 while it is unset. */
  adminToken: string | null;
  /** Current time in ms (tests pin it). */
  now: () => number;
  /** One JSON log line per request (default true; tests turn it off). */
  logRequests?: boolean;
  /** Called after an upload was stored (automatic Discord posts hook in here). */
  onImported?: (outcome: IngestOutcome) => void;
  /** Discord slash commands (`POST /interactions`); absent or null: that route answers 503. */
  discord?: DiscordDeps | null;
}

/** Builds the Hono app; `main.ts` serves it and tests call `app.request()` on it. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const statistics = new StatisticsKeeper(deps.db);
  app.use("*", requestLog({ quiet: deps.logRequests === false }));
  app.use("/api/v1/stats-files", async (_c, next) => {
    await next();
    statistics.noteWrite();
  });

  app.get("/health", async (c) => {
    try {
      const version = await schemaVersion(deps.db);
      return c.json({
        status: "ok",
        version: deps.version,
        database: { engine: deps.db.engine, reachable: true, migrationVersion: version },
      });
    } catch (error) {
      return c.json({
        status: "unavailable",
        version: deps.version,
        database: { engine: deps.db.engine, reachable: false, error: String(error) },
      }, 503);
    }
  });
  app.route("/", uploadRoutes(deps));
  app.route("/", apiRoutes(deps));
  app.route("/", leaderboardRoutes(deps));
  app.route("/", adminRoutes(deps));
  app.route("/", interactionsRoute(deps));
  app.route("/", cardRoutes(deps));
  app.route("/", metricsRoutes());

  app.notFound((c) =>
    c.json(
      { error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    )
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json(
        { error: { code: error.code, message: error.message }, ...error.details },
        error.status,
      );
    }
    if (error instanceof HTTPException) {
      return c.json(
        { error: { code: "http_error", message: error.message || "request failed" } },
        error.status,
      );
    }
    log("error", "unhandled error", {
      requestId: c.get("requestId" as never),
      path: c.req.path,
      error: String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return c.json({ error: { code: "internal_error", message: "internal server error" } }, 500);
  });
  return app;
}
