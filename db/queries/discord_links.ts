/**
 * Discord links (domain-rules §6): one Discord user ↔ one player GUID, unique on both sides, and the
 * look-ups the Discord commands' autocomplete needs (players by linked user, unlinked players to
 * offer).
 */
import type { Db } from "../client.ts";
import { containsPattern } from "./like_pattern.ts";

/** A stored link with the player's display name. */
export interface DiscordLink {
  discordUserId: string;
  /** The Discord name the link was made under; null for links made before it was stored. */
  discordName: string | null;
  guid: string;
  playerName: string;
  linkedAt: string;
  /** Discord id of whoever made the link: the user, or an admin. */
  linkedBy: string;
}

const LINK_COLUMNS = `l.discord_user_id as "discordUserId", l.discord_name as "discordName",
  l.guid, n.name as "playerName", l.linked_at as "linkedAt", l.linked_by as "linkedBy"`;

/** The link of a Discord user, or null. */
export async function linkOfUser(db: Db, discordUserId: string): Promise<DiscordLink | null> {
  const rows = await db.query<DiscordLink>(
    `select ${LINK_COLUMNS} from discord_links l join player_names n on n.guid = l.guid
     where l.discord_user_id = $1`,
    [discordUserId],
  );
  return rows[0] ?? null;
}

/** The link of a player GUID, or null. */
export async function linkOfPlayer(db: Db, guid: string): Promise<DiscordLink | null> {
  const rows = await db.query<DiscordLink>(
    `select ${LINK_COLUMNS} from discord_links l join player_names n on n.guid = l.guid
     where l.guid = $1`,
    [guid],
  );
  return rows[0] ?? null;
}

/** What asking for a link did. Only `linked` changed anything (`unchanged` refreshes the name). */
export type LinkOutcome =
  | { status: "linked"; link: DiscordLink }
  | { status: "unchanged"; link: DiscordLink }
  /** The user is linked to another GUID: a linked user must unlink before relinking. */
  | { status: "user_linked_elsewhere"; link: DiscordLink }
  /** The GUID is linked to another user. */
  | { status: "player_taken"; link: DiscordLink }
  | { status: "unknown_player" };

export interface NewLink {
  discordUserId: string;
  discordName: string;
  guid: string;
  linkedBy: string;
}

/**
 * Links a Discord user to a GUID unless either side is linked already (the table's two unique
 * keys decide, so two concurrent requests cannot both win); says why when it did not.
 */
export async function createLink(db: Db, link: NewLink): Promise<LinkOutcome> {
  // A conflicting row can vanish between the insert and the look-ups (a concurrent unlink): then
  // the insert is simply tried again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.query(
      `insert into discord_links (discord_user_id, guid, linked_by, discord_name)
       select $1, p.guid, $3, $4 from players p where p.guid = $2
       on conflict do nothing returning guid`,
      [link.discordUserId, link.guid, link.linkedBy, link.discordName],
    );
    if (inserted.length > 0) {
      return { status: "linked", link: (await linkOfUser(db, link.discordUserId))! };
    }
    const mine = await linkOfUser(db, link.discordUserId);
    if (mine && mine.guid === link.guid) {
      await db.query("update discord_links set discord_name = $2 where discord_user_id = $1", [
        link.discordUserId,
        link.discordName,
      ]);
      return { status: "unchanged", link: { ...mine, discordName: link.discordName } };
    }
    if (mine) return { status: "user_linked_elsewhere", link: mine };
    const theirs = await linkOfPlayer(db, link.guid);
    if (theirs) return { status: "player_taken", link: theirs };
    const player = await db.query("select 1 from players where guid = $1", [link.guid]);
    if (player.length === 0) return { status: "unknown_player" };
  }
  throw new Error(`linking ${link.discordUserId} to ${link.guid} kept conflicting`);
}

/** Removes a user's link; returns the removed link, or null when there was none. */
export async function removeLink(db: Db, discordUserId: string): Promise<DiscordLink | null> {
  const rows = await db.query<DiscordLink>(
    `with gone as (delete from discord_links where discord_user_id = $1 returning *)
     select ${LINK_COLUMNS} from gone l join player_names n on n.guid = l.guid`,
    [discordUserId],
  );
  return rows[0] ?? null;
}

/** A linked player found by the Discord name of its user. */
export interface LinkedPlayerMatch {
  guid: string;
  name: string;
  discordName: string;
  lastSeen: string;
}

/** Players whose linked Discord user's name contains `query` (any case), most recently seen first. */
export async function playersByDiscordName(
  db: Db,
  query: string,
  limit: number,
): Promise<LinkedPlayerMatch[]> {
  return await db.query<LinkedPlayerMatch>(
    `select l.guid, n.name, l.discord_name as "discordName", p.last_seen as "lastSeen"
     from discord_links l join players p on p.guid = l.guid join player_names n on n.guid = l.guid
     where lower(l.discord_name) like $1
     order by p.last_seen desc, n.name limit $2`,
    [containsPattern(query), limit],
  );
}

/** Which of `guids` are linked to a Discord user. */
export async function linkedGuids(db: Db, guids: readonly string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const rows = await db.query<{ guid: string }>(
    "select guid from discord_links where guid = any($1::text[])",
    [guids],
  );
  return new Set(rows.map((row) => row.guid));
}

/** A player nobody has linked yet, with the names it played under most recently. */
export interface UnlinkedPlayer {
  guid: string;
  name: string;
  lastSeen: string;
  kills: number;
  aliases: string[];
}

/**
 * The most recently active players no Discord user has linked (ties: most kills), humans only,
 * with up to three recent aliases each: what a self-link offers first (domain-rules §6).
 */
export async function recentUnlinkedPlayers(db: Db, limit: number): Promise<UnlinkedPlayer[]> {
  return await db.query<UnlinkedPlayer>(
    `select p.guid, n.name, p.last_seen as "lastSeen",
       coalesce((select sum(t.kills)::int from player_session_totals t where t.guid = p.guid), 0)
         as kills,
       array(select a.name from aliases a where a.guid = p.guid and a.times_seen > 0
             order by a.last_seen desc, a.times_seen desc, a.name limit 3) as aliases
     from players p join player_names n on n.guid = p.guid
     where not p.is_bot and upper(p.guid) not like 'OMNIBOT%'
       and not exists (select 1 from discord_links l where l.guid = p.guid)
     order by p.last_seen desc, kills desc, n.name limit $1`,
    [limit],
  );
}
