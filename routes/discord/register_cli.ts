/**
 * `deno task register`: registers the slash commands with Discord by overwriting the whole list
 * (PUT), so running it again changes nothing and removed commands disappear. Globally, or in one
 * guild when DISCORD_GUILD_ID is set (guild commands update at once; global ones can take a while).
 * Needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN; exits 1 with one line when they are missing
 * or Discord refuses, 0 after printing what Discord now holds.
 */
import { commandDefinitions } from "./command_registry.ts";
import { DEFAULT_DISCORD_API_BASE_URL, loadDiscordEnv } from "./discord_config.ts";
import { createDiscordRest } from "./discord_rest.ts";

/** Registers every command; returns the names Discord now holds, in its order. */
export async function registerCommands(
  env: Record<string, string | undefined>,
): Promise<{ ok: true; scope: string; names: string[] } | { ok: false; message: string }> {
  const loaded = loadDiscordEnv(env);
  if (!loaded.ok) return loaded;
  const { DISCORD_APPLICATION_ID, DISCORD_BOT_TOKEN, DISCORD_GUILD_ID } = loaded.env;
  if (!DISCORD_APPLICATION_ID || !DISCORD_BOT_TOKEN) {
    return {
      ok: false,
      message: "set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (Discord Developer Portal) " +
        "to register the commands",
    };
  }
  const rest = createDiscordRest({
    apiBaseUrl: loaded.env.DISCORD_API_BASE_URL ?? DEFAULT_DISCORD_API_BASE_URL,
    applicationId: DISCORD_APPLICATION_ID,
    botToken: DISCORD_BOT_TOKEN,
  });
  try {
    const registered = await rest.registerCommands(commandDefinitions(), DISCORD_GUILD_ID ?? null);
    return {
      ok: true,
      scope: DISCORD_GUILD_ID ? `guild ${DISCORD_GUILD_ID}` : "global",
      names: registered.map((command) => command.name),
    };
  } catch (error) {
    const cause = (error as { cause?: { status?: number; body?: string } }).cause;
    return {
      ok: false,
      message: `Discord refused the commands: ${
        cause ? `HTTP ${cause.status} ${cause.body ?? ""}`.trim() : String(error)
      }`,
    };
  }
}

if (import.meta.main) {
  const result = await registerCommands(Deno.env.toObject());
  if (!result.ok) {
    console.error(result.message);
    Deno.exit(1);
  }
  console.log(
    `registered ${result.names.length} commands (${result.scope}): ` +
      result.names.map((name) => `/${name}`).join(", "),
  );
}
