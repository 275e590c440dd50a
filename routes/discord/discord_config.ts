/**
 * The Discord environment variables, validated with zod. All are optional: without
 * `DISCORD_PUBLIC_KEY` the app runs without Discord and `POST /interactions` answers 503.
 * `main.ts` merges {@link DISCORD_ENV_SHAPE} into its configuration schema; the register CLI
 * validates the same variables with {@link loadDiscordEnv}.
 */
import { z } from "zod";

export const DEFAULT_DISCORD_API_BASE_URL = "https://discord.com/api/v10";

/** What the Discord integration needs, once the environment is validated. */
export interface DiscordConfig {
  /** Hex Ed25519 public key of the application (Developer Portal → General Information). */
  publicKey: string;
  applicationId: string;
  /** Needed to register commands; interaction responses authenticate with their own token. */
  botToken: string | null;
  /** Base URL of the Discord API including its version, e.g. `https://discord.com/api/v10`. */
  apiBaseUrl: string;
  /** Register the commands to this guild only (instant), instead of globally. */
  guildId: string | null;
  /** Members with this role may use `/admin` besides those with Manage Server. */
  adminRoleId: string | null;
  /** The only Discord servers `/admin` answers in (empty: `/admin` is off). */
  adminGuildIds: string[];
}

const blankIsUnset = (schema: z.ZodType<string | undefined>) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17–20 digits)");

/** The variables' schemas, to merge into a `z.object`. */
export const DISCORD_ENV_SHAPE = {
  DISCORD_PUBLIC_KEY: blankIsUnset(
    z.string().regex(/^[0-9a-fA-F]{64}$/, "must be the application's public key: 64 hex digits")
      .optional(),
  ),
  DISCORD_APPLICATION_ID: blankIsUnset(snowflake.optional()),
  DISCORD_BOT_TOKEN: blankIsUnset(
    z.string().min(20, "must be the bot token (Developer Portal → Bot)").optional(),
  ),
  DISCORD_API_BASE_URL: blankIsUnset(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  DISCORD_GUILD_ID: blankIsUnset(snowflake.optional()),
  DISCORD_ADMIN_ROLE_ID: blankIsUnset(snowflake.optional()),
  DISCORD_ADMIN_GUILD_IDS: blankIsUnset(
    z.string().regex(
      /^\d{17,20}(\s*,\s*\d{17,20})*$/,
      "must be Discord server ids (17–20 digits), comma-separated",
    ).optional(),
  ),
};

const discordEnvSchema = z.object(DISCORD_ENV_SHAPE);
export type DiscordEnv = z.output<typeof discordEnvSchema>;

/** Cross-variable rule: a public key enables interactions, which need the application id. */
export function checkDiscordEnv(env: DiscordEnv, context: z.RefinementCtx): void {
  if (env.DISCORD_PUBLIC_KEY && !env.DISCORD_APPLICATION_ID) {
    context.addIssue({
      code: "custom",
      path: ["DISCORD_APPLICATION_ID"],
      message: "is required when DISCORD_PUBLIC_KEY is set",
    });
  }
}

/** The Discord configuration of validated variables; null when Discord is not configured. */
export function discordConfigOf(env: DiscordEnv): DiscordConfig | null {
  if (!env.DISCORD_PUBLIC_KEY || !env.DISCORD_APPLICATION_ID) return null;
  return {
    publicKey: env.DISCORD_PUBLIC_KEY.toLowerCase(),
    applicationId: env.DISCORD_APPLICATION_ID,
    botToken: env.DISCORD_BOT_TOKEN ?? null,
    apiBaseUrl: (env.DISCORD_API_BASE_URL ?? DEFAULT_DISCORD_API_BASE_URL).replace(/\/+$/, ""),
    guildId: env.DISCORD_GUILD_ID ?? null,
    adminRoleId: env.DISCORD_ADMIN_ROLE_ID ?? null,
    adminGuildIds: env.DISCORD_ADMIN_GUILD_IDS
      ? env.DISCORD_ADMIN_GUILD_IDS.split(",").map((id) => id.trim())
      : env.DISCORD_GUILD_ID
      ? [env.DISCORD_GUILD_ID]
      : [],
  };
}

/** Validates the Discord variables alone; a bad value yields one line naming it. */
export function loadDiscordEnv(
  env: Record<string, string | undefined>,
): { ok: true; env: DiscordEnv } | { ok: false; message: string } {
  const parsed = discordEnvSchema.superRefine(checkDiscordEnv).safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `invalid configuration: ${issue.path.join(".")}: ${issue.message}` };
}
