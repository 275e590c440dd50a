/** /admin health: the same facts as GET /health, plus each game server's last upload. */
import type { DiscordEmbed } from "@discordeno/bot";
import type { ServerListing } from "../../db/queries/servers.ts";
import { COLOURS, discordTime, EMBED_LIMITS, escapeMarkdown, truncate } from "./embed_text.ts";

export interface HealthFacts {
  status: "ok" | "unavailable";
  version: string;
  engine: string;
  reachable: boolean;
  migrationVersion: number | null;
  error: string | null;
  servers: ServerListing[];
}

function serverLine(server: ServerListing): string {
  const last = server.lastUploadAt ? discordTime(server.lastUploadAt, "R") : "never";
  return `**${escapeMarkdown(server.name)}** (${server.timeZone}): ${server.rawFiles} files, ` +
    `last upload ${last}, ${server.activeTokens} active tokens`;
}

export function healthEmbed(health: HealthFacts): DiscordEmbed {
  const database = health.reachable
    ? `${health.engine}, reachable, schema version ${health.migrationVersion}`
    : `${health.engine}, unreachable: ${truncate(health.error ?? "unknown error", 500)}`;
  return {
    title: `etl-stats ${health.version}: ${health.status}`,
    color: health.status === "ok" ? COLOURS.ok : COLOURS.warning,
    fields: [
      { name: "Database", value: database },
      {
        name: "Game servers",
        value: truncate(
          health.servers.length > 0 ? health.servers.map(serverLine).join("\n") : "none yet",
          EMBED_LIMITS.fieldValue,
        ),
      },
    ],
  };
}
