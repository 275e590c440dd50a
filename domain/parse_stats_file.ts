/**
 * Parser for the per-round stats file (spec: stats-file-format.md). Pure: file name + bytes in, a
 * typed result out; bad input never throws.
 *
 * Chosen behaviours where the spec recommends one: strict integer tokens; the weapon section must
 * hold exactly 1 + 5 × popcount(mask) tokens; the name is taken right-anchored so it may contain
 * `\`; all 38 extended fields are required; every count is bounded to 0..2^31-1. A line that breaks
 * one of these is left out with a `line_rejected` warning. A repeated GUID (after bots get their
 * per-name identity) is never merged: the later line is rejected with reason `duplicate_guid`,
 * because two humans sharing a GUID prefix cannot be told apart across rounds.
 */
import { isCounterValue, MAX_COUNTER } from "./bounds.ts";
import { botIdentityGuid, DEFAULT_BOT_NAME_PATTERN, hasBotGuid, hasBotName } from "./bots.ts";
import {
  EXTENDED_FIELD_COUNT,
  EXTENDED_FIELDS,
  type ExtendedFields,
  fieldsFromValues,
} from "./extended_fields.ts";
import { stripColourCodes } from "./names.ts";
import {
  assembleRound,
  type LineRejection,
  type ParsedRound,
  type ParseWarning,
  type PlayerCounters,
} from "./parsed_round.ts";
import { err, ok, type Result } from "./result.ts";
import { type HeaderError, parseRoundHeader } from "./round_header.ts";
import { type FileNameError, parseStatsFileName } from "./stats_file_name.ts";
import { WEAPON_CODES, WEAPON_COUNT, type WeaponStats } from "./weapons.ts";

export type ParseError =
  | FileNameError
  | HeaderError
  | { code: "insufficient_lines"; message: string; lines: number }
  | { code: "no_players"; message: string; rejectedLines: number };

export interface ParseOptions {
  /** Overrides the `[BOT]` name rule (config `BOT_NAME_REGEX`). */
  botNamePattern?: RegExp;
}

const LINE_BREAK = /\r\n|\n|\r/;
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const WHITESPACE = /\s+/;
const decoder = new TextDecoder("utf-8");

/** Decodes UTF-8, dropping undecodable bytes as the reference does (`G\xE9od` → `God`). */
export function decodeStatsText(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return text.indexOf("\uFFFD") === -1 ? text : text.replaceAll("\uFFFD", "");
}

/** Parses one stats file. The round number comes from the file name (spec §2). */
export function parseStatsFile(
  fileName: string,
  bytes: Uint8Array,
  options: ParseOptions = {},
): Result<ParsedRound, ParseError> {
  const name = parseStatsFileName(fileName);
  if (!name.ok) return name;

  const lines = decodeStatsText(bytes).split(LINE_BREAK);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length < 2) {
    return err({
      code: "insufficient_lines",
      message: `the file has ${lines.length} line${lines.length === 1 ? "" : "s"}; ` +
        "a header and at least one player line are required",
      lines: lines.length,
    });
  }

  const header = parseRoundHeader(lines[0]!, name.value.map, name.value.round);
  if (!header.ok) return header;
  const warnings: ParseWarning[] = [...header.warnings];

  const botPattern = options.botNamePattern ?? DEFAULT_BOT_NAME_PATTERN;
  const players: PlayerCounters[] = [];
  const seenGuids = new Set<string>();
  let rejected = 0;
  for (let index = 1; index < lines.length; index++) {
    const text = lines[index]!;
    const lineNumber = index + 1;
    if (text.indexOf("\\") === -1) {
      if (text.trim() !== "") {
        warnings.push({
          code: "line_without_fields",
          line: lineNumber,
          message: `line ${lineNumber} has no backslash-separated fields and was skipped`,
        });
      }
      continue;
    }
    const parsed = parsePlayerLine(text, lineNumber, botPattern, warnings);
    if (!parsed.ok) {
      rejected++;
      warnings.push(parsed.error);
      continue;
    }
    if (seenGuids.has(parsed.value.guid)) {
      rejected++;
      warnings.push(rejection(
        lineNumber,
        "duplicate_guid",
        `GUID ${parsed.value.guid} already appeared earlier in the file`,
      ));
      continue;
    }
    seenGuids.add(parsed.value.guid);
    players.push(parsed.value);
  }

  if (players.length === 0) {
    return err({
      code: "no_players",
      message: rejected > 0
        ? `no usable player line: all ${rejected} player line${
          rejected === 1 ? " was" : "s were"
        } ` +
          "rejected"
        : "the file has a header but no player lines",
      rejectedLines: rejected,
    });
  }

  return ok(assembleRound({
    file: name.value,
    header: header.header,
    values: name.value.round === 2 ? "cumulative" : "single_round",
    roundOne: null,
    warnings,
  }, players));
}

type Rejection = Extract<ParseWarning, { code: "line_rejected" }>;

function rejection(line: number, reason: LineRejection, why: string): Rejection {
  return { code: "line_rejected", reason, line, message: `line ${line} rejected: ${why}` };
}

const isAsciiSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/**
 * Strict integer (spec §3): optional sign and digits only, after trimming; NaN when not. Scans
 * character codes (this runs for every number of every file); anything beyond ASCII takes the
 * regular-expression path, which trims Unicode whitespace too.
 */
function strictInteger(token: string): number {
  let start = 0;
  let end = token.length;
  while (start < end && isAsciiSpace(token.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(token.charCodeAt(end - 1))) end--;
  if (start === end) return NaN;
  let sign = 1;
  const first = token.charCodeAt(start);
  if (first === 43 || first === 45) {
    sign = first === 45 ? -1 : 1;
    if (++start === end) return NaN;
  }
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = token.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      if (token.charCodeAt(i) > 127) {
        const text = token.trim();
        return INTEGER.test(text) ? Number(text) : NaN;
      }
      return NaN;
    }
    value = value * 10 + digit;
  }
  return sign * value;
}

/** Whitespace-separated tokens; ASCII fast path, `\s+` semantics for anything else. */
function tokensOf(text: string): string[] {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) return text.trim().split(WHITESPACE);
  }
  const result: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isAsciiSpace(text.charCodeAt(i));
    if (space) {
      if (start !== -1) result.push(text.slice(start, i));
      start = -1;
    } else if (start === -1) start = i;
  }
  return result.length === 0 ? [""] : result;
}

function parsePlayerLine(
  text: string,
  line: number,
  botPattern: RegExp,
  warnings: ParseWarning[],
): Result<PlayerCounters, Rejection> {
  const tab = text.indexOf("\t");
  const prefix = tab === -1 ? text : text.slice(0, tab);
  const parts = prefix.split("\\");
  if (parts.length < 5) {
    return err(rejection(
      line,
      "too_few_fields",
      `expected GUID\\name\\rounds\\team\\weapons before the first TAB, found ${parts.length} ` +
        "backslash-separated fields (a TAB inside the name cuts the line)",
    ));
  }

  const weapons = parseWeaponSection(parts[parts.length - 1]!, line);
  if (!weapons.ok) return weapons;
  const fields = parseExtendedFields(tab === -1 ? null : text.slice(tab + 1), line, warnings);
  if (!fields.ok) return fields;

  let writtenGuid = parts[0]!.trim().toUpperCase();
  if (writtenGuid === "") {
    writtenGuid = "?";
    warnings.push({
      code: "empty_guid",
      line,
      message: `line ${line} has an empty GUID; it is kept as "?" and every such player shares it`,
    });
  }
  const rawName = parts.slice(1, parts.length - 3).join("\\");
  const name = stripColourCodes(rawName);
  const botByName = hasBotName(rawName, name, botPattern);
  const isBot = botByName || hasBotGuid(writtenGuid);

  const teamText = parts[parts.length - 2]!.trim();
  let team = /^\d+$/.test(teamText) ? Number(teamText) : NaN;
  if (!(team >= 0 && team <= 3)) {
    warnings.push({
      code: "unknown_team",
      line,
      message: `line ${line} has team ${JSON.stringify(teamText)}; treated as 0 (unknown)`,
    });
    team = 0;
  }
  const roundsText = parts[parts.length - 3]!;
  let sessionRounds = strictInteger(roundsText);
  if (!isCounterValue(sessionRounds)) {
    warnings.push({
      code: "invalid_field_value",
      line,
      message: `line ${line}: rounds field ${JSON.stringify(roundsText)} is not a count; read as 0`,
    });
    sessionRounds = 0;
  }

  return ok({
    guid: botByName ? botIdentityGuid(writtenGuid, name) : writtenGuid,
    writtenGuid,
    rawName,
    name,
    isBot,
    team,
    sessionRounds,
    line,
    weapons: weapons.value,
    fields: fields.value,
  });
}

function parseWeaponSection(section: string, line: number): Result<WeaponStats[], Rejection> {
  const tokens = tokensOf(section);
  const mask = strictInteger(tokens[0]!);
  if (!isCounterValue(mask)) {
    return err(rejection(
      line,
      "invalid_weapon_mask",
      `weapon mask ${JSON.stringify(tokens[0])} is not an integer in 0..${MAX_COUNTER}`,
    ));
  }
  const ids: number[] = [];
  for (let id = 0; id < WEAPON_COUNT; id++) if (mask & (1 << id)) ids.push(id);
  const expected = 1 + 5 * ids.length;
  if (tokens.length !== expected) {
    return err(rejection(
      line,
      "weapon_token_count",
      `weapon mask ${mask} names ${ids.length} weapon${ids.length === 1 ? "" : "s"}, ` +
        `so ${expected} tokens are expected; found ${tokens.length}`,
    ));
  }
  const weapons: WeaponStats[] = [];
  let cursor = 1;
  for (const id of ids) {
    const values: number[] = [];
    for (let k = 0; k < 5; k++) {
      const token = tokens[cursor++]!;
      const value = strictInteger(token);
      if (Number.isNaN(value)) {
        return err(rejection(
          line,
          "invalid_weapon_token",
          `weapon ${WEAPON_CODES[id]} has the non-integer value ${JSON.stringify(token)}`,
        ));
      }
      if (!isCounterValue(value)) {
        return err(rejection(
          line,
          "value_out_of_range",
          `weapon ${WEAPON_CODES[id]} has the value ${token}, outside 0..${MAX_COUNTER}`,
        ));
      }
      values.push(value);
    }
    const [hits, shots, kills, deaths, headshots] = values as [
      number,
      number,
      number,
      number,
      number,
    ];
    weapons.push({ id, code: WEAPON_CODES[id]!, hits, shots, kills, deaths, headshots });
  }
  for (const counter of ["hits", "shots", "kills", "deaths", "headshots"] as const) {
    const total = weapons.reduce((sum, weapon) => sum + weapon[counter], 0);
    if (!isCounterValue(total)) {
      return err(rejection(
        line,
        "value_out_of_range",
        `the weapons' ${counter} add up to ${total}, outside 0..${MAX_COUNTER}`,
      ));
    }
  }
  return ok(weapons);
}

function parseExtendedFields(
  section: string | null,
  line: number,
  warnings: ParseWarning[],
): Result<ExtendedFields, Rejection> {
  const tokens = section === null ? [] : section.split("\t");
  while (tokens.length > EXTENDED_FIELD_COUNT && tokens[tokens.length - 1]!.trim() === "") {
    tokens.pop();
  }
  if (tokens.length !== EXTENDED_FIELD_COUNT) {
    return err(rejection(
      line,
      "extended_field_count",
      `${EXTENDED_FIELD_COUNT} TAB-separated fields are required, found ${tokens.length}`,
    ));
  }
  const values: number[] = new Array(EXTENDED_FIELD_COUNT);
  for (let i = 0; i < EXTENDED_FIELD_COUNT; i++) {
    const spec = EXTENDED_FIELDS[i]!;
    const isInt = spec.type === "int";
    let value: number;
    if (isInt) value = strictInteger(tokens[i]!);
    else {
      const text = tokens[i]!.trim();
      value = FLOAT.test(text) ? Number(text) : NaN;
    }
    if (Number.isNaN(value)) {
      warnings.push({
        code: "invalid_field_value",
        line,
        message: `line ${line}: field f${i} (${spec.key}) ${
          JSON.stringify(tokens[i]!.trim())
        } is not ${isInt ? "an integer" : "a number"}; read as 0`,
      });
      value = 0;
    } else if (!isCounterValue(value)) {
      return err(rejection(
        line,
        "value_out_of_range",
        `field f${i} (${spec.key}) is ${tokens[i]!.trim()}, outside 0..${MAX_COUNTER}`,
      ));
    }
    values[i] = value;
  }
  const fields = fieldsFromValues(values);
  if (fields.timePlayedMinutes === 0) {
    warnings.push({
      code: "no_played_time",
      line,
      message: `line ${line}: played time (f22) is 0; the player's DPM is left empty`,
    });
  }
  return ok(fields);
}
