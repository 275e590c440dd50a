/**
 * Suggestions while a user types an option (at most 25, names up to 100 characters). Players match
 * by clean name, alias, GUID prefix or linked Discord name, most recently active first; the value
 * sent back is the GUID, so the command gets an exact player.
 */
import type { Db } from "../../db/client.ts";
import { mapsMatching } from "../../db/queries/maps.ts";
import {
  linkedGuids,
  playersByDiscordName,
  recentUnlinkedPlayers,
} from "../../db/queries/discord_links.ts";
import { searchPlayers } from "../../db/queries/players.ts";
import { listServers } from "../../db/queries/servers.ts";
import { listSessions } from "../../db/queries/sessions.ts";
import type { Choice } from "./command.ts";

export const MAX_CHOICES = 25;
const MAX_CHOICE_NAME = 100;
/** What a self-link offers before anything is typed (domain-rules §6). */
export const UNLINKED_OFFERED = 3;
const SESSIONS_SEARCHED = 100;

const choiceName = (text: string) =>
  text.length <= MAX_CHOICE_NAME ? text : `${text.slice(0, MAX_CHOICE_NAME - 1)}…`;

interface PlayerSuggestion {
  guid: string;
  name: string;
  lastSeen: string;
  alias: string | null;
  discordName: string | null;
}

function playerChoice(p: PlayerSuggestion): Choice {
  const parts = [`${p.name} (${p.guid})`];
  if (p.alias && p.alias.toLowerCase() !== p.name.toLowerCase()) parts.push(`aka ${p.alias}`);
  if (p.discordName) parts.push(`@${p.discordName}`);
  parts.push(`seen ${p.lastSeen}`);
  return { name: choiceName(parts.join(" · ")), value: p.guid };
}

/**
 * Players matching `typed`. With `unlinkedOnly` (self-link), players someone linked are left out,
 * and an empty input offers the three most recently active unlinked players with their aliases.
 */
export async function playerChoices(
  db: Db,
  typed: string,
  options: { unlinkedOnly?: boolean } = {},
): Promise<Choice[]> {
  const query = typed.trim().slice(0, 64);
  if (options.unlinkedOnly && query === "") {
    const offered = await recentUnlinkedPlayers(db, UNLINKED_OFFERED);
    return offered.map((p) => {
      const aliases = p.aliases.filter((a) => a !== p.name);
      return {
        name: choiceName(
          `${p.name} (${p.guid}) · seen ${p.lastSeen}${
            aliases.length > 0 ? ` · aka ${aliases.join(", ")}` : ""
          }`,
        ),
        value: p.guid,
      };
    });
  }
  const [found, linked] = await Promise.all([
    searchPlayers(db, query, MAX_CHOICES),
    query === "" ? Promise.resolve([]) : playersByDiscordName(db, query, MAX_CHOICES),
  ]);
  const byGuid = new Map<string, PlayerSuggestion>();
  for (const row of found) {
    byGuid.set(row.guid, { ...row, alias: row.matchedAlias, discordName: null });
  }
  for (const row of linked) {
    const known = byGuid.get(row.guid);
    if (known) known.discordName = row.discordName;
    else byGuid.set(row.guid, { ...row, alias: null });
  }
  let suggestions = [...byGuid.values()];
  if (options.unlinkedOnly) {
    const taken = await linkedGuids(db, suggestions.map((p) => p.guid));
    suggestions = suggestions.filter((p) => !taken.has(p.guid));
  }
  suggestions.sort((a, b) =>
    a.lastSeen !== b.lastSeen ? (a.lastSeen < b.lastSeen ? 1 : -1) : a.name.localeCompare(b.name)
  );
  return suggestions.slice(0, MAX_CHOICES).map(playerChoice);
}

/** Maps with stored rounds matching `typed`, most recently played first. */
export async function mapChoices(db: Db, typed: string): Promise<Choice[]> {
  const maps = await mapsMatching(db, typed.trim().slice(0, 50), MAX_CHOICES);
  return maps.map((m) => ({
    name: choiceName(`${m.map} · ${m.rounds} rounds · last ${m.lastPlayedAt.slice(0, 10)}`),
    value: m.map,
  }));
}

/** "latest" and the recent sessions whose number or date starts with `typed`. */
export async function sessionChoices(db: Db, typed: string): Promise<Choice[]> {
  const query = typed.trim().toLowerCase();
  const { items } = await listSessions(db, { limit: SESSIONS_SEARCHED, offset: 0 });
  const choices: Choice[] = "latest".startsWith(query)
    ? [{ name: "latest: the most recent session", value: "latest" }]
    : [];
  for (const s of items) {
    if (!String(s.id).startsWith(query) && !s.date.startsWith(query)) continue;
    choices.push({
      name: choiceName(
        `#${s.id} · ${s.date} · ${s.server} · ${s.maps} maps · ` +
          `${s.teamAName} ${s.scoreA}–${s.scoreB} ${s.teamBName}`,
      ),
      value: String(s.id),
    });
    if (choices.length === MAX_CHOICES) break;
  }
  return choices;
}

/** Game servers whose name contains `typed`. */
export async function serverChoices(db: Db, typed: string): Promise<Choice[]> {
  const query = typed.trim().toLowerCase();
  return (await listServers(db))
    .filter((s) => s.name.toLowerCase().includes(query))
    .slice(0, MAX_CHOICES)
    .map((s) => ({ name: choiceName(`${s.name} (${s.timeZone})`), value: s.name }));
}
