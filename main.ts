/** Entry point: reads configuration, opens the database, migrates it, and serves the app. */
import { z } from "zod";
import { openDb } from "./db/client.ts";
import { analyzeTables } from "./db/maintenance.ts";
import { migrate } from "./db/migrate.ts";
import { DEFAULT_INGEST_SETTINGS, type IngestSettings } from "./ingest/context.ts";
import { createApp } from "./routes/app.ts";
import { configureCardRenderer } from "./routes/cards/load_card.ts";
import type { RendererChoice } from "./views/render.ts";
import {
  checkDiscordEnv,
  DISCORD_ENV_SHAPE,
  type DiscordConfig,
  discordConfigOf,
} from "./routes/discord/discord_config.ts";
import { ChannelPoster, postAfterImport } from "./routes/discord/channel_posts.ts";
import { createDiscordDeps } from "./routes/discord/discord_deps.ts";
import { registerPostCron, startPostScheduler } from "./routes/discord/post_scheduler.ts";

export const VERSION = "0.3.0";

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const regex = z.string().refine((text) => {
  try {
    new RegExp(text, "i");
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://")),
  DATA_DIR: z.string().min(1).default("./data"),
  ADMIN_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  EXCLUDED_MAPS: z.string().default(DEFAULT_INGEST_SETTINGS.excludedMaps.join(",")),
  SESSION_GAP_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(
    DEFAULT_INGEST_SETTINGS.sessionGapMinutes,
  ),
  ROUND_MATCH_WINDOW_MINUTES: z.coerce.number().int().min(1).default(
    DEFAULT_INGEST_SETTINGS.roundMatchWindowMinutes,
  ),
  BOT_NAME_REGEX: optional(regex),
  CARD_RENDERER: z.enum(["auto", "native", "wasm"]).default("auto"),
  APP_ENV: z.enum(["development", "production"]).default("development"),
  ...DISCORD_ENV_SHAPE,
}).refine((c) => c.APP_ENV !== "production" || c.DATABASE_URL !== undefined, {
  path: ["DATABASE_URL"],
  message: "is required when APP_ENV=production (production never writes to local disk)",
}).refine((c) => c.ROUND_MATCH_WINDOW_MINUTES < c.SESSION_GAP_MINUTES, {
  path: ["ROUND_MATCH_WINDOW_MINUTES"],
  message: "must be below SESSION_GAP_MINUTES",
}).superRefine(checkDiscordEnv);

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminToken: string | null;
  ingest: IngestSettings;
  /** resvg back-end of the stat cards; `auto` falls back to wasm when native cannot load. */
  cardRenderer: RendererChoice;
  /** Null while DISCORD_PUBLIC_KEY is unset. */
  discord: DiscordConfig | null;
}

/** Validates the environment; a bad value yields one line naming the variable. */
export function loadConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; message: string } {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      message: `invalid configuration: ${issue.path.join(".")}: ${issue.message}`,
    };
  }
  const c = parsed.data;
  return {
    ok: true,
    config: {
      port: c.PORT,
      host: c.HOST,
      databaseUrl: c.DATABASE_URL ?? null,
      dataDir: c.DATA_DIR,
      adminToken: c.ADMIN_TOKEN ?? null,
      ingest: {
        excludedMaps: c.EXCLUDED_MAPS.split(",").map((m) => m.trim().toLowerCase()).filter(Boolean),
        sessionGapMinutes: c.SESSION_GAP_MINUTES,
        roundMatchWindowMinutes: c.ROUND_MATCH_WINDOW_MINUTES,
        botNamePattern: c.BOT_NAME_REGEX ? new RegExp(c.BOT_NAME_REGEX, "i") : undefined,
      },
      cardRenderer: c.CARD_RENDERER,
      discord: discordConfigOf(c),
    },
  };
}

/** Opens the configured database (Postgres, or PGlite in DATA_DIR) and migrates it. */
export async function openConfiguredDb(config: Pick<Config, "databaseUrl" | "dataDir">) {
  if (!config.databaseUrl) await Deno.mkdir(config.dataDir, { recursive: true });
  const db = await openDb(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  await migrate(db);
  await analyzeTables(db);
  return db;
}

// Deno Deploy picks up cron jobs only from top-level code that runs before the server starts.
const postCronRegistered = import.meta.main && registerPostCron();

if (import.meta.main) {
  const loaded = loadConfig(Deno.env.toObject());
  if (!loaded.ok) {
    console.error(loaded.message);
    Deno.exit(1);
  }
  const { config } = loaded;
  const db = await openConfiguredDb(config);
  const cards = await configureCardRenderer(config.cardRenderer);
  const discord = config.discord ? createDiscordDeps(config.discord) : null;
  // Automatic channel posts need the bot token (interaction replies do not).
  const poster = discord && config.discord?.botToken
    ? new ChannelPoster(db, discord.rest, {
      sessionGapMinutes: config.ingest.sessionGapMinutes,
      now: Date.now,
      log: discord.log,
    })
    : null;
  const app = createApp({
    db,
    version: VERSION,
    ingest: config.ingest,
    adminToken: config.adminToken,
    now: Date.now,
    discord,
    onImported: poster && discord ? postAfterImport(poster, discord.background) : undefined,
  });
  const scheduler = poster
    ? startPostScheduler(poster, {
      intervalSeconds: 60,
      log: discord!.log,
      cronRegistered: postCronRegistered,
    })
    : null;
  const server = Deno.serve({ port: config.port, hostname: config.host }, app.fetch);
  // Warm the card renderer in the background so the first Discord card answers quickly.
  cards.warm().catch((error) =>
    console.error(
      JSON.stringify({ level: "warn", msg: "card warm-up failed", error: String(error) }),
    )
  );
  // On SIGTERM, finish deferred Discord responses before the process ends.
  Deno.addSignalListener("SIGTERM", async () => {
    await server.shutdown();
    await scheduler?.stop();
    await discord?.background.settled();
    await db.close();
    Deno.exit(0);
  });
}
