/**
 * Round meta: what the game server's Lua module (`ingest/uploader/etl_stats_upload.lua`) saw of a
 * round that its stats file cannot say – the real start and end, the time spent paused, why the
 * round ended (objective, time limit, surrender and by whom, map change) and the winner as the game
 * declared it. It travels with an upload as `X-Etl-Round-Meta: <base64 of a JSON document>`, is
 * kept with the raw file, and is preferred over the header's clock fields for a round's duration,
 * outcome and stopwatch scoring (domain-rules §4). Everything works without it.
 */
import { z } from "zod";
import type { ParsedRound } from "./parsed_round.ts";
import { err, ok, type Result } from "./result.ts";
import type { RoundHeader, RoundOutcome, StopwatchState } from "./round_header.ts";
import type { SessionRound } from "./session_round.ts";

/** Longest accepted `X-Etl-Round-Meta` value (base64 characters). */
export const ROUND_META_MAX_HEADER_CHARS = 4096;

/** Longest round span a meta document may describe (a stopwatch half is well under an hour). */
const MAX_SPAN_SECONDS = 24 * 60 * 60;

/** Why a round ended, as the game reported it. */
export const ROUND_END_REASONS = [
  "objective",
  "time_limit",
  "surrender",
  "map_change",
  "shuffle",
  "unknown",
] as const;
export type RoundEndReason = typeof ROUND_END_REASONS[number];

/** A side by name: Axis (side 1) or Allies (side 2). */
export type SideName = "axis" | "allies";

/** The round winner as the game declared it; `draw` when it declared none. */
export type RoundMetaWinner = SideName | "draw";

/** A validated meta document, normalised: absent optional fields are null, times are UTC ISO. */
export interface RoundMeta {
  version: 1;
  /** Map of the round (must equal the file name's map when present). */
  map: string | null;
  /** Round number the writer used in the file name (must equal it when present). */
  round: number | null;
  /** When play started (end of the warm-up countdown); null when the module did not see it. */
  startedAt: string | null;
  /** When the round ended (objective, time limit, surrender, map change). */
  endedAt: string | null;
  /** Seconds the round spent paused between `startedAt` and `endedAt`. */
  pausedSeconds: number;
  endReason: RoundEndReason;
  /** The team that surrendered (end reason `surrender` only), when known. */
  surrenderedBy: SideName | null;
  winner: RoundMetaWinner | null;
}

export type RoundMetaError = { code: "invalid_round_meta"; message: string };

const side = z.enum(["axis", "allies"]);
const instant = z.iso.datetime({ offset: true });

const roundMetaSchema = z.strictObject({
  version: z.literal(1),
  map: z.string().regex(/^[A-Za-z0-9_.+-]{1,50}$/).nullable().optional(),
  round: z.number().int().min(1).max(10).nullable().optional(),
  startedAt: instant.nullable().optional(),
  endedAt: instant.nullable().optional(),
  pausedSeconds: z.number().finite().min(0).max(MAX_SPAN_SECONDS).optional(),
  endReason: z.enum(ROUND_END_REASONS),
  surrenderedBy: side.nullable().optional(),
  winner: z.enum(["axis", "allies", "draw"]).nullable().optional(),
});

const invalid = (message: string) =>
  err<RoundMetaError>({ code: "invalid_round_meta", message: `X-Etl-Round-Meta: ${message}` });

/** Validates a meta document (parsed JSON) and normalises it. */
export function roundMetaFromJson(value: unknown): Result<RoundMeta, RoundMetaError> {
  const parsed = roundMetaSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join(".") : "the document";
    return invalid(`${where}: ${issue.message}`);
  }
  const doc = parsed.data;
  const startedAt = doc.startedAt ?? null;
  const endedAt = doc.endedAt ?? null;
  const pausedSeconds = doc.pausedSeconds ?? 0;
  if ((startedAt === null) !== (endedAt === null)) {
    return invalid("startedAt and endedAt go together: send both or neither");
  }
  if (startedAt !== null && endedAt !== null) {
    const span = (Date.parse(endedAt) - Date.parse(startedAt)) / 1000;
    if (span < 0) return invalid("endedAt is before startedAt");
    if (span > MAX_SPAN_SECONDS) return invalid(`the round spans more than ${MAX_SPAN_SECONDS} s`);
    if (pausedSeconds > span) {
      return invalid(`pausedSeconds (${pausedSeconds}) is longer than the round (${span} s)`);
    }
  }
  const surrenderedBy = doc.surrenderedBy ?? null;
  if (surrenderedBy !== null && doc.endReason !== "surrender") {
    return invalid(`surrenderedBy is only meaningful with endReason "surrender"`);
  }
  const winner = doc.winner ?? null;
  if (surrenderedBy !== null && winner === surrenderedBy) {
    return invalid(`the winner (${winner}) cannot be the team that surrendered`);
  }
  return ok({
    version: 1,
    map: doc.map ?? null,
    round: doc.round ?? null,
    startedAt: startedAt === null ? null : new Date(Date.parse(startedAt)).toISOString(),
    endedAt: endedAt === null ? null : new Date(Date.parse(endedAt)).toISOString(),
    pausedSeconds,
    endReason: doc.endReason,
    surrenderedBy,
    winner,
  });
}

/**
 * Decodes and validates an `X-Etl-Round-Meta` header: standard or URL-safe base64 (padding
 * optional) of a UTF-8 JSON document.
 */
export function parseRoundMetaHeader(value: string): Result<RoundMeta, RoundMetaError> {
  const text = value.trim();
  if (text === "") return invalid("the header is empty");
  if (text.length > ROUND_META_MAX_HEADER_CHARS) {
    return invalid(`longer than ${ROUND_META_MAX_HEADER_CHARS} characters`);
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    return invalid("not base64 (standard or URL-safe) of a JSON document");
  }
  const standard = text.replaceAll("-", "+").replaceAll("_", "/").replace(/=+$/, "");
  let json: string;
  try {
    const binary = atob(standard + "=".repeat((4 - standard.length % 4) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    json = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return invalid("not base64 of UTF-8 text");
  }
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return invalid("the decoded text is not JSON");
  }
  return roundMetaFromJson(document);
}

/** Encodes a meta document as an `X-Etl-Round-Meta` value (standard base64 of its JSON). */
export function encodeRoundMetaHeader(meta: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(meta));
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
}

/** Why a meta document cannot belong to a file of this map and round, or null when it can. */
export function roundMetaMismatch(
  meta: RoundMeta,
  file: { map: string; round: number },
): RoundMetaError | null {
  if (meta.map !== null && meta.map !== file.map) {
    return {
      code: "invalid_round_meta",
      message: `X-Etl-Round-Meta: it describes map ${meta.map}, the file is of ${file.map}`,
    };
  }
  if (meta.round !== null && meta.round !== file.round) {
    return {
      code: "invalid_round_meta",
      message:
        `X-Etl-Round-Meta: it describes round ${meta.round}, the file is round ${file.round}`,
    };
  }
  return null;
}

/** Whole seconds played: end − start − pauses (truncated like the header's playtime), or null. */
export function metaDurationSeconds(meta: RoundMeta): number | null {
  if (meta.startedAt === null || meta.endedAt === null) return null;
  const playedMs = Date.parse(meta.endedAt) - Date.parse(meta.startedAt) -
    Math.round(meta.pausedSeconds * 1000);
  return Math.max(0, Math.trunc(playedMs / 1000));
}

const isSide = (value: number): value is 1 | 2 => value === 1 || value === 2;
const other = (value: 1 | 2): 1 | 2 => (value === 1 ? 2 : 1);

/** Side number of a side name: Axis 1, Allies 2. */
export function sideNumber(name: SideName): 1 | 2 {
  return name === "axis" ? 1 : 2;
}

/** The winner side the meta tells (0 = the game declared none), or null when it tells nothing. */
function metaWinnerTeam(meta: RoundMeta): number | null {
  if (meta.winner === "draw") return 0;
  if (meta.winner !== null) return sideNumber(meta.winner);
  if (meta.surrenderedBy !== null) return other(sideNumber(meta.surrenderedBy));
  return null;
}

/** The side that lost by surrendering: as reported, else the side the declared winner beat. */
function surrenderingSide(meta: RoundMeta, winnerTeam: number): 1 | 2 | null {
  if (meta.surrenderedBy !== null) return sideNumber(meta.surrenderedBy);
  return isSide(winnerTeam) ? other(winnerTeam) : null;
}

function outcomeWithMeta(
  meta: RoundMeta,
  header: RoundHeader,
  winnerTeam: number,
  winnerFromMeta: boolean,
): RoundOutcome {
  switch (meta.endReason) {
    case "objective":
      return "Completed";
    case "time_limit":
      return "Fullhold";
    case "surrender": {
      // The surrendering team loses the round; a defender surrender is a completion, an attacker
      // surrender a fullhold. Unknown sides: assume the attackers gave up (domain-rules §4.1).
      const loser = surrenderingSide(meta, winnerTeam);
      if (loser !== null && isSide(header.defenderTeam)) {
        return loser === header.defenderTeam ? "Completed" : "Fullhold";
      }
      return "Fullhold";
    }
    default:
      if (winnerFromMeta && isSide(winnerTeam) && isSide(header.defenderTeam)) {
        return winnerTeam === header.defenderTeam ? "Fullhold" : "Completed";
      }
      return header.outcome;
  }
}

/**
 * The round with its header facts corrected by the meta: duration = end − start − pauses (capped
 * at the time limit, like the header's), the winner as the game declared it, and the outcome and
 * stopwatch state the end reason implies. The clock fields as written (`nextTimeLimit`, playtime)
 * stay as they are.
 */
export function applyRoundMeta(round: ParsedRound, meta: RoundMeta): ParsedRound {
  const h = round.header;
  const measured = metaDurationSeconds(meta);
  let durationSeconds = measured ?? h.durationSeconds;
  if (h.timeLimitSeconds !== null && h.timeLimitSeconds > 0) {
    durationSeconds = Math.min(durationSeconds, h.timeLimitSeconds);
  }
  const fromMeta = metaWinnerTeam(meta);
  const winnerTeam = fromMeta ?? h.winnerTeam;
  const outcome = outcomeWithMeta(meta, h, winnerTeam, fromMeta !== null);

  // Only these reasons say how the clock ended; after a map change the header's state stands.
  const decisive = meta.endReason === "objective" || meta.endReason === "time_limit" ||
    meta.endReason === "surrender";
  const stopwatchState: StopwatchState = decisive
    ? outcome === "Completed" ? "TIME_SET" : "FULL_HOLD"
    : h.stopwatchState;
  let timeToBeatSeconds = h.timeToBeatSeconds;
  let nextTimeLimitMinutes = h.nextTimeLimitMinutes;
  if (round.file.round !== 2 && decisive) {
    if (stopwatchState === "TIME_SET") {
      // On an objective the engine's clock (header field 7) is the time to beat; on a surrender
      // the clock is never set, so the measured duration stands in.
      timeToBeatSeconds = meta.endReason === "objective"
        ? h.nextTimeLimitSeconds ?? durationSeconds
        : durationSeconds;
      nextTimeLimitMinutes = Math.max(1, Math.ceil(timeToBeatSeconds / 60));
    } else {
      timeToBeatSeconds = null;
      nextTimeLimitMinutes = Math.ceil((h.timeLimitSeconds ?? 0) / 60);
    }
  }
  return {
    ...round,
    header: {
      ...h,
      winnerTeam,
      durationSeconds,
      outcome,
      stopwatchState,
      timeToBeatSeconds,
      nextTimeLimitMinutes,
    },
  };
}

/** What stopwatch scoring learns from a round's meta beyond its (corrected) header facts. */
export interface RoundEnding {
  endReason: RoundEndReason;
  /** Side that surrendered (1 Axis, 2 Allies), when reported. */
  surrenderedBy: 1 | 2 | null;
  /** True when the duration was measured by the game (start, end and pauses known). */
  timed: boolean;
}

/** A session round that may carry what its meta said about how it ended. */
export type EndedSessionRound = SessionRound & { ending?: RoundEnding | null };

/** The ending facts of a meta document. */
export function roundEndingOf(meta: RoundMeta): RoundEnding {
  return {
    endReason: meta.endReason,
    surrenderedBy: meta.surrenderedBy === null ? null : sideNumber(meta.surrenderedBy),
    timed: metaDurationSeconds(meta) !== null,
  };
}
