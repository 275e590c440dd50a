/**
 * Turning what a user typed into a player option into one GUID. Autocomplete sends the GUID
 * itself; typed text is matched as a GUID, then as an exact name (display name, alias or linked
 * Discord name), then as the only partial match. Anything else is a CommandError that says what
 * to type instead.
 */
import { escapeMarkdown, quoted } from "../../views/embeds/embed_text.ts";
import type { Db } from "../../db/client.ts";
import { linkOfUser, playersByDiscordName } from "../../db/queries/discord_links.ts";
import { searchPlayers } from "../../db/queries/players.ts";
import { CommandError } from "./command_error.ts";
import type { PickedUser } from "./command.ts";

/** A player chosen by an option: GUID and display name. */
export interface PlayerRef {
  guid: string;
  name: string;
}

const MAX_QUERY = 64;
const CANDIDATES = 25;
const LISTED_WHEN_AMBIGUOUS = 5;

function distinctPlayers(rows: readonly PlayerRef[]): PlayerRef[] {
  const byGuid = new Map(rows.map((row) => [row.guid, { guid: row.guid, name: row.name }]));
  return [...byGuid.values()];
}

/** The player `text` names; `option` names the option in error messages. */
export async function resolvePlayer(db: Db, text: string, option: string): Promise<PlayerRef> {
  const query = text.trim();
  if (query.length > MAX_QUERY) {
    throw new CommandError(
      `\`${option}\` is too long: type a few letters of a name and pick a suggestion.`,
    );
  }
  const rows = await searchPlayers(db, query, CANDIDATES);
  const byGuid = rows.find((row) => row.guid === query.toUpperCase());
  if (byGuid) return { guid: byGuid.guid, name: byGuid.name };
  const lower = query.toLowerCase();
  let exact = distinctPlayers(
    rows.filter((row) =>
      row.name.toLowerCase() === lower || row.matchedAlias?.toLowerCase() === lower
    ),
  );
  if (exact.length === 0) {
    const linked = await playersByDiscordName(db, query, CANDIDATES);
    exact = distinctPlayers(linked.filter((row) => row.discordName.toLowerCase() === lower));
  }
  if (exact.length === 1) return exact[0]!;
  if (exact.length === 0 && rows.length === 1) return { guid: rows[0]!.guid, name: rows[0]!.name };
  if (exact.length === 0 && rows.length === 0) {
    throw new CommandError(
      `No player matches ${quoted(query)}. Type a few letters of a name and pick a suggestion, ` +
        "or give a GUID (8 characters, as in the stats files).",
    );
  }
  const candidates = exact.length > 0 ? exact : rows;
  const listed = candidates.slice(0, LISTED_WHEN_AMBIGUOUS)
    .map((p) => `${escapeMarkdown(p.name)} (\`${p.guid}\`)`).join(", ");
  throw new CommandError(
    `${quoted(query)} matches ${
      candidates.length === CANDIDATES ? "many" : candidates.length
    } players` +
      ` (${listed}${candidates.length > LISTED_WHEN_AMBIGUOUS ? ", …" : ""}). ` +
      "Pick one from the suggestions, or give its GUID.",
  );
}

/** The player a Discord user linked; a CommandError when they have not. */
export async function linkedPlayerOf(db: Db, user: PickedUser, self: boolean): Promise<PlayerRef> {
  const link = await linkOfUser(db, user.id);
  if (link) return { guid: link.guid, name: link.playerName };
  throw new CommandError(
    self
      ? "You have not linked your player yet. Type `/link` and pick your name, " +
        "or use `/stats player:<name>`."
      : `${user.name} has not linked a player. They can with \`/link\`; ` +
        "meanwhile use `/stats player:<name>`.",
  );
}
