/**
 * What each `/admin` sub-command does, reusing the admin API's functions: links made for others,
 * excluding a map (its sessions re-derived), the rebuild, upload tokens and the health facts.
 */
import type { Db } from "../../../db/client.ts";
import { createLink, removeLink } from "../../../db/queries/discord_links.ts";
import { addExcludedMap } from "../../../db/queries/excluded_maps.ts";
import { listServers } from "../../../db/queries/servers.ts";
import { schemaVersion } from "../../../db/migrate.ts";
import { issueUploadToken } from "../../../ingest/auth.ts";
import { loadIngestContext } from "../../../ingest/context.ts";
import { rebuild } from "../../../ingest/rebuild.ts";
import { rederiveSessionsWithMap } from "../../../ingest/rederive.ts";
import { escapeMarkdown, mention, quoted } from "../../../views/embeds/embed_text.ts";
import { healthEmbed, type HealthFacts } from "../../../views/embeds/health.ts";
import type { DiscordContext, PickedUser } from "../command.ts";
import { CommandError } from "../command_error.ts";
import { ephemeral, ephemeralText, type MessageData } from "../messages.ts";
import type { PlayerRef } from "../player_lookup.ts";

/** Links `user` to `player` on an admin's behalf; the same rules as a self-link. */
export async function linkForUser(
  db: Db,
  admin: PickedUser,
  user: PickedUser,
  player: PlayerRef,
): Promise<MessageData> {
  const outcome = await createLink(db, {
    discordUserId: user.id,
    discordName: user.name,
    guid: player.guid,
    linkedBy: admin.id,
  });
  const name = `**${escapeMarkdown(player.name)}** (\`${player.guid}\`)`;
  switch (outcome.status) {
    case "linked":
      return ephemeralText(`Linked ${mention(user.id)} to ${name}.`);
    case "unchanged":
      return ephemeralText(`${mention(user.id)} is already linked to ${name}.`);
    case "user_linked_elsewhere":
      throw new CommandError(
        `${mention(user.id)} is linked to **${escapeMarkdown(outcome.link.playerName)}** ` +
          `(\`${outcome.link.guid}\`). Type \`/admin unlink user:\` first, then link again.`,
      );
    case "player_taken":
      throw new CommandError(
        `${name} is linked to ${mention(outcome.link.discordUserId)}. ` +
          "Type `/admin unlink` for that user first, then link again.",
      );
    case "unknown_player":
      throw new CommandError(`Player \`${player.guid}\` does not exist (any more).`);
  }
}

export async function unlinkUser(db: Db, user: PickedUser): Promise<MessageData> {
  const removed = await removeLink(db, user.id);
  if (!removed) throw new CommandError(`${mention(user.id)} is not linked to a player.`);
  return ephemeralText(
    `Unlinked ${mention(user.id)} from **${escapeMarkdown(removed.playerName)}** ` +
      `(\`${removed.guid}\`).`,
  );
}

/** Excludes a map from statistics and re-scores the sessions it was played in. */
export async function excludeMap(ctx: DiscordContext, map: string): Promise<MessageData> {
  const added = await addExcludedMap(ctx.db, map);
  const sessions = await rederiveSessionsWithMap(
    ctx.db,
    await loadIngestContext(ctx.db, ctx.ingest),
    map,
  );
  const rescored = `${sessions} session${sessions === 1 ? "" : "s"} re-scored`;
  return ephemeralText(
    added
      ? `Excluded ${map}: its rounds no longer count anywhere (${rescored}).`
      : `${map} was already excluded (${rescored}).`,
  );
}

export async function rebuildAll(ctx: DiscordContext): Promise<MessageData> {
  const summary = await rebuild(ctx.db, await loadIngestContext(ctx.db, ctx.ingest));
  return ephemeralText(
    `Rebuilt everything from ${summary.rawFiles} raw files in ${summary.seconds.toFixed(1)} s: ` +
      `${summary.rounds} rounds, ${summary.failed} failed, ${summary.duplicates} duplicates left out.`,
  );
}

/** Issues an upload token for a server named (or the only server); shown once. */
export async function serverToken(db: Db, serverName: string | null): Promise<MessageData> {
  const servers = await listServers(db);
  if (servers.length === 0) {
    throw new CommandError(
      "No game server exists yet: create one with `POST /api/v1/admin/servers` (see the README).",
    );
  }
  const names = servers.map((s) => s.name).join(", ");
  const server = serverName === null
    ? (servers.length === 1 ? servers[0]! : null)
    : servers.find((s) => s.name.toLowerCase() === serverName.toLowerCase()) ?? null;
  if (!server) {
    throw new CommandError(
      serverName === null
        ? `There are ${servers.length} game servers (${names}): give \`server:<name>\`.`
        : `No game server is named ${quoted(serverName)}. Servers: ${names}.`,
    );
  }
  const { token } = await issueUploadToken(db, server.id);
  return ephemeralText(
    `Upload token for **${escapeMarkdown(server.name)}**: store it now, it is shown only once.\n` +
      `\`\`\`\n${token}\n\`\`\`\nThe game server sends it as \`Authorization: Bearer <token>\`.`,
  );
}

/** The same facts as GET /health, and each server's last upload. */
export async function health(ctx: DiscordContext): Promise<MessageData> {
  const facts: HealthFacts = {
    status: "ok",
    version: ctx.version,
    engine: ctx.db.engine,
    reachable: true,
    migrationVersion: null,
    error: null,
    servers: [],
  };
  try {
    facts.migrationVersion = await schemaVersion(ctx.db);
    facts.servers = await listServers(ctx.db);
  } catch (error) {
    Object.assign(facts, { status: "unavailable", reachable: false, error: String(error) });
  }
  return ephemeral({ embeds: [healthEmbed(facts)] });
}
