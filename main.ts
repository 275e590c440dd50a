/** Entry point: reads configuration, builds the app and serves it. */
import { z } from "zod";
import { createApp } from "./routes/app.ts";

export const VERSION = "0.1.0";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("0.0.0.0"),
});

export type Config = { port: number; host: string };

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
  return { ok: true, config: { port: parsed.data.PORT, host: parsed.data.HOST } };
}

if (import.meta.main) {
  const loaded = loadConfig(Deno.env.toObject());
  if (!loaded.ok) {
    console.error(loaded.message);
    Deno.exit(1);
  }
  const app = createApp({ version: VERSION });
  Deno.serve({ port: loaded.config.port, hostname: loaded.config.host }, app.fetch);
}
