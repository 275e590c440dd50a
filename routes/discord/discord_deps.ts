/** Everything the Discord integration needs at run time, built once from its configuration. */
import { BackgroundTasks } from "./background_tasks.ts";
import type { DiscordConfig } from "./discord_config.ts";
import { createDiscordRest, type DiscordRest } from "./discord_rest.ts";
import { createSignatureVerifier, type SignatureVerifier } from "./verify_signature.ts";

/** A structured log line: level, message and fields, written as one JSON object. */
export type DiscordLog = (
  level: "info" | "warn" | "error",
  msg: string,
  fields?: Record<string, unknown>,
) => void;

/** Logs as the rest of the app does: one JSON object per line, warnings and errors on stderr. */
export const jsonLog: DiscordLog = (level, msg, fields = {}) => {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
};

export interface DiscordDeps {
  config: DiscordConfig;
  rest: DiscordRest;
  verifySignature: SignatureVerifier;
  /** Deferred work: await `background.settled()` before shutting down (or asserting in tests). */
  background: BackgroundTasks;
  log: DiscordLog;
}

export function createDiscordDeps(
  config: DiscordConfig,
  overrides: { rest?: DiscordRest; log?: DiscordLog } = {},
): DiscordDeps {
  const log = overrides.log ?? jsonLog;
  return {
    config,
    rest: overrides.rest ?? createDiscordRest(config),
    verifySignature: createSignatureVerifier(config.publicKey),
    background: new BackgroundTasks((error) =>
      log("error", "discord background task failed", { error: String(error) })
    ),
    log,
  };
}
