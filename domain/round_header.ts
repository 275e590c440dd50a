import { isCounterValue } from "./bounds.ts";
import { stripColourCodes } from "./names.ts";

/** Why a header side field (defender or winner) is not simply 1 or 2 (spec §4). */
export type SideDiagnostic =
  | "defender_missing"
  | "defender_non_numeric"
  | "defender_out_of_range"
  | "winner_missing"
  | "winner_non_numeric"
  | "winner_out_of_range";

/** How far the header's defender/winner sides can be trusted for scoring (spec §4). */
export type ScoreConfidence = "verified_header" | "ambiguous" | "missing";

/** Round outcome label (spec §4): Fullhold iff the defenders won. */
export type RoundOutcome = "Fullhold" | "Completed" | "Unknown";

/** Stopwatch clock state of a round (spec §4). */
export type StopwatchState = "FULL_HOLD" | "TIME_SET";

/** The header line, parsed and normalised. Sides: 1 = Axis, 2 = Allies; winner 0 = unknown. */
export interface RoundHeader {
  serverName: string;
  serverNameClean: string;
  /** Map as the header says; the file name's map is authoritative. */
  map: string;
  config: string;
  /** Header field 3, not authoritative (the file name decides the round). */
  headerRound: number;
  defenderTeam: number;
  winnerTeam: number;
  sideDiagnostics: SideDiagnostic[];
  scoreConfidence: ScoreConfidence;
  /** Field 6 as written (`M:SS`) and in seconds (null when unparsable). */
  timeLimit: string;
  timeLimitSeconds: number | null;
  /** Field 7 as written: the stopwatch clock value, not a measurement. */
  nextTimeLimit: string;
  nextTimeLimitSeconds: number | null;
  /** Field 8 as written (milliseconds), null for the 8-field header variant. */
  playtimeRaw: string | null;
  /** Field 8 normalised to seconds; null when absent, unparsable, non-finite or ≤ 0. */
  playtimeSeconds: number | null;
  /** `round_time_seconds`: whole seconds of round duration with the spec's fallbacks. */
  durationSeconds: number;
  /** True when the file looks written on the shutdown path (playtime written but unusable). */
  possiblyPartial: boolean;
  outcome: RoundOutcome;
  stopwatchState: StopwatchState;
  /** Round 1 with a set time only: the time Round 2's attackers must beat. */
  timeToBeatSeconds: number | null;
  /** Minutes of the next round's limit (Round 1 only; null in Round 2). */
  nextTimeLimitMinutes: number | null;
}

export type HeaderError = { code: "invalid_header"; message: string; fields: number };

/** Header facts that are worth a warning but do not block the file. */
export type HeaderWarning = {
  code:
    | "side_diagnostic"
    | "unparsable_time_limit"
    | "unknown_playtime"
    | "header_map_mismatch"
    | "header_round_mismatch";
  message: string;
};

const MIN_HEADER_FIELDS = 8;
const FULLHOLD_MARGIN_SECONDS = 30;
const UNKNOWN_CLOCK_SECONDS = 600;
const DEFAULT_DURATION_SECONDS = 300;
const DIGITS = /^\d+$/;
const CLOCK = /^(\d+):(\d{2})$/;
const DECIMAL = /^\d*\.\d+$|^\d+\.\d*$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a stopwatch clock token: `M:SS`, decimal minutes (`9.5`) or bare seconds (`581`).
 * Returns null when the token is none of these.
 */
export function parseClockSeconds(token: string): number | null {
  const text = token.trim();
  const clock = CLOCK.exec(text);
  let seconds: number;
  if (clock) seconds = Number(clock[1]) * 60 + Number(clock[2]);
  else if (DECIMAL.test(text)) seconds = Math.round(Number(text) * 60);
  else if (DIGITS.test(text)) seconds = Number(text);
  else return null;
  return isCounterValue(seconds) ? seconds : null;
}

/** Playtime normalisation (spec §4): ≤ 0 or unparsable → unknown, > 10000 → milliseconds. */
export function normalisePlaytimeSeconds(raw: string | null): number | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (!FLOAT.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) return null;
  const seconds = value > 10000 ? value / 1000 : value;
  return isCounterValue(seconds) ? seconds : null;
}

function parseSide(
  raw: string | undefined,
  role: "defender" | "winner",
  legal: readonly number[],
  diagnostics: SideDiagnostic[],
): number {
  const fallback = role === "defender" ? 1 : 0;
  const text = raw?.trim() ?? "";
  if (text === "") {
    diagnostics.push(`${role}_missing`);
    return fallback;
  }
  if (!DIGITS.test(text)) {
    diagnostics.push(`${role}_non_numeric`);
    return fallback;
  }
  const value = Number(text);
  if (legal.includes(value)) return value;
  diagnostics.push(`${role}_out_of_range`);
  // Kept as written (spec §4) unless it cannot even be stored.
  return isCounterValue(value) ? value : fallback;
}

function scoreConfidenceOf(
  defender: number,
  winner: number,
  diagnostics: readonly SideDiagnostic[],
): ScoreConfidence {
  const isSide = (value: number) => value === 1 || value === 2;
  if (isSide(defender) && isSide(winner) && diagnostics.length === 0) return "verified_header";
  if (diagnostics.some((d) => d.endsWith("non_numeric") || d.endsWith("out_of_range"))) {
    return "ambiguous";
  }
  if (defender === 0 || winner === 0) return "missing";
  return "ambiguous";
}

/** Confidence levels whose sides may be used for scoring. */
export function isTrustedConfidence(confidence: ScoreConfidence | "time_fallback"): boolean {
  return confidence === "verified_header" || confidence === "time_fallback";
}

/**
 * Parses the header line of a stats file. `fileMap` and `fileRound` come from the file name, which
 * is authoritative; disagreements become warnings.
 */
export function parseRoundHeader(
  line: string,
  fileMap: string,
  fileRound: number,
): { ok: true; header: RoundHeader; warnings: HeaderWarning[] } | {
  ok: false;
  error: HeaderError;
} {
  const fields = line.trim().split("\\");
  if (fields.length < MIN_HEADER_FIELDS) {
    return {
      ok: false,
      error: {
        code: "invalid_header",
        message: `the header line has ${fields.length} backslash-separated fields; ` +
          `at least ${MIN_HEADER_FIELDS} are required`,
        fields: fields.length,
      },
    };
  }
  const warnings: HeaderWarning[] = [];
  const [serverName, map, config, roundText, defenderText, winnerText, limitText, nextText] =
    fields as [string, string, string, string, string, string, string, string];
  const playtimeRaw = fields.length > 8 ? fields[8]! : null;

  const diagnostics: SideDiagnostic[] = [];
  const defenderTeam = parseSide(defenderText, "defender", [1, 2], diagnostics);
  const winnerTeam = parseSide(winnerText, "winner", [0, 1, 2], diagnostics);
  for (const diagnostic of diagnostics) {
    warnings.push({
      code: "side_diagnostic",
      message: `header ${diagnostic.replace("_", " side ").replaceAll("_", " ")} ` +
        `(defender ${JSON.stringify(defenderText)}, winner ${JSON.stringify(winnerText)})`,
    });
  }
  const scoreConfidence = scoreConfidenceOf(defenderTeam, winnerTeam, diagnostics);

  const timeLimitSeconds = parseClockSeconds(limitText);
  const nextTimeLimitSeconds = parseClockSeconds(nextText);
  if (timeLimitSeconds === null) {
    warnings.push({
      code: "unparsable_time_limit",
      message: `header time limit ${JSON.stringify(limitText)} is not M:SS`,
    });
  }
  if (nextTimeLimitSeconds === null) {
    warnings.push({
      code: "unparsable_time_limit",
      message: `header next time limit ${JSON.stringify(nextText)} is not M:SS`,
    });
  }

  const playtimeSeconds = normalisePlaytimeSeconds(playtimeRaw);
  const possiblyPartial = playtimeRaw !== null && playtimeSeconds === null;
  if (possiblyPartial) {
    warnings.push({
      code: "unknown_playtime",
      message: `header playtime ${JSON.stringify(playtimeRaw)} is not a positive duration; ` +
        "the round may have been cut short (map change or shutdown)",
    });
  }

  let durationSeconds: number;
  if (playtimeSeconds !== null) {
    durationSeconds = Math.trunc(playtimeSeconds);
  } else {
    durationSeconds = nextTimeLimitSeconds ?? 0;
    if (durationSeconds === 0) durationSeconds = DEFAULT_DURATION_SECONDS;
  }
  if (timeLimitSeconds !== null && timeLimitSeconds > 0 && durationSeconds > timeLimitSeconds) {
    durationSeconds = timeLimitSeconds;
  }

  const isRoundTwo = fileRound === 2;
  const limit = timeLimitSeconds ?? 0;
  const next = nextTimeLimitSeconds ?? (nextText.trim() === "Unknown" ? UNKNOWN_CLOCK_SECONDS : 0);
  const trustedSides = isTrustedConfidence(scoreConfidence);
  let outcome: RoundOutcome;
  if (trustedSides) {
    outcome = winnerTeam === defenderTeam ? "Fullhold" : "Completed";
  } else if (isRoundTwo && nextText.trim() === "0:00") {
    outcome = "Unknown";
  } else {
    outcome = limit - next <= FULLHOLD_MARGIN_SECONDS ? "Fullhold" : "Completed";
  }

  const stopwatchState: StopwatchState = next >= limit - FULLHOLD_MARGIN_SECONDS
    ? "FULL_HOLD"
    : "TIME_SET";
  let timeToBeatSeconds: number | null = null;
  let nextTimeLimitMinutes: number | null = null;
  if (!isRoundTwo) {
    if (stopwatchState === "TIME_SET") {
      timeToBeatSeconds = next;
      nextTimeLimitMinutes = Math.max(1, Math.ceil(next / 60));
    } else {
      nextTimeLimitMinutes = Math.ceil(limit / 60);
    }
  }

  if (map.trim() !== fileMap) {
    warnings.push({
      code: "header_map_mismatch",
      message: `header map ${JSON.stringify(map)} differs from the file name's map ${
        JSON.stringify(fileMap)
      }; the file name wins`,
    });
  }
  const roundNumber = DIGITS.test(roundText.trim()) ? Number(roundText.trim()) : 1;
  const headerRound = isCounterValue(roundNumber) ? roundNumber : 1;
  if (headerRound !== fileRound) {
    warnings.push({
      code: "header_round_mismatch",
      message: `header says round ${
        JSON.stringify(roundText)
      } but the file name says round ${fileRound}; the file name wins`,
    });
  }

  return {
    ok: true,
    warnings,
    header: {
      serverName,
      serverNameClean: stripColourCodes(serverName),
      map: map.trim(),
      config,
      headerRound,
      defenderTeam,
      winnerTeam,
      sideDiagnostics: diagnostics,
      scoreConfidence,
      timeLimit: limitText,
      timeLimitSeconds,
      nextTimeLimit: nextText,
      nextTimeLimitSeconds,
      playtimeRaw,
      playtimeSeconds,
      durationSeconds,
      possiblyPartial,
      outcome,
      stopwatchState,
      timeToBeatSeconds,
      nextTimeLimitMinutes,
    },
  };
}
