import { err, ok, type Result } from "./result.ts";

/** What a stats file's name says (spec §2). Date and time are server-local and carry no zone. */
export interface StatsFileName {
  fileName: string;
  /** `YYYY-MM-DD`, server-local date of writing (≈ round end). */
  date: string;
  /** `HHMMSS`, server-local time of writing. */
  time: string;
  /** Naive local date-time `YYYY-MM-DDTHH:MM:SS`; converting it to UTC is the caller's job. */
  localDateTime: string;
  /** BSP map name as it appears in the file name. */
  map: string;
  /** Round number from the name (authoritative; header field 3 is not). */
  round: number;
}

/** Files that live beside stats files and belong to other pipelines. */
export type IgnoredFileKind = "weapon_stats_sidecar" | "endstats" | "engagements" | "gametime";

export type FileNameError =
  | { code: "ignored_file"; message: string; fileName: string; kind: IgnoredFileKind }
  | { code: "invalid_file_name"; message: string; fileName: string };

const NAME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})-(.+?)-round-(\d+)\.txt$/;
const MAP_PATTERN = /^[A-Za-z0-9_.+-]+$/;
const MAX_NAME_LENGTH = 255;
const MAX_MAP_LENGTH = 50;

const IGNORED: readonly { pattern: RegExp; kind: IgnoredFileKind; what: string }[] = [
  { pattern: /-round-\d+_ws\.txt$/, kind: "weapon_stats_sidecar", what: "a weapon-stats sidecar" },
  { pattern: /-round-\d+-endstats\.txt$/, kind: "endstats", what: "an endstats awards file" },
  {
    pattern: /-round-\d+_engagements\.txt$/,
    kind: "engagements",
    what: "a proximity-tracker file",
  },
  {
    pattern: /^gametime-.+-R\d+-\d+\.json$/,
    kind: "gametime",
    what: "a round-timing webhook file",
  },
];

const EXPECTED = "expected YYYY-MM-DD-HHMMSS-<map>-round-<N>.txt";

/** Parses and validates a stats file name; sibling files of other pipelines come back as `ignored_file`. */
export function parseStatsFileName(fileName: string): Result<StatsFileName, FileNameError> {
  const invalid = (why: string) =>
    err<FileNameError>({
      code: "invalid_file_name",
      message: `invalid stats file name ${JSON.stringify(fileName)}: ${why}`,
      fileName,
    });

  if (fileName.length === 0) return invalid(`empty; ${EXPECTED}`);
  if (fileName.length > MAX_NAME_LENGTH) {
    return invalid(`longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (/[/\\\0]/.test(fileName) || fileName.includes("..")) {
    return invalid("a file name must not contain '/', '\\', NUL or '..'");
  }
  for (const ignored of IGNORED) {
    if (ignored.pattern.test(fileName)) {
      return err({
        code: "ignored_file",
        message: `${fileName} is ${ignored.what}, not a round stats file; it is ignored`,
        fileName,
        kind: ignored.kind,
      });
    }
  }

  const match = NAME_PATTERN.exec(fileName);
  if (!match) return invalid(EXPECTED);
  const [, year, month, day, hour, minute, second, map, roundText] = match as unknown as string[];
  const numbers = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    round: Number(roundText),
  };
  if (numbers.year < 2020 || numbers.year > 2035) {
    return invalid(`year ${year} is outside 2020-2035`);
  }
  if (numbers.month < 1 || numbers.month > 12) return invalid(`month ${month} is outside 01-12`);
  if (numbers.day < 1 || numbers.day > 31) return invalid(`day ${day} is outside 01-31`);
  if (numbers.hour > 23) return invalid(`hour ${hour} is outside 00-23`);
  if (numbers.minute > 59) return invalid(`minute ${minute} is outside 00-59`);
  if (numbers.second > 59) return invalid(`second ${second} is outside 00-59`);
  if (numbers.round < 1 || numbers.round > 10) {
    return invalid(`round ${roundText} is outside 1-10`);
  }
  if (map!.length > MAX_MAP_LENGTH) {
    return invalid(`map name is longer than ${MAX_MAP_LENGTH} characters`);
  }
  if (!MAP_PATTERN.test(map!)) {
    return invalid(`map ${JSON.stringify(map)} may only use letters, digits and _ . + -`);
  }

  return ok({
    fileName,
    date: `${year}-${month}-${day}`,
    time: `${hour}${minute}${second}`,
    localDateTime: `${year}-${month}-${day}T${hour}:${minute}:${second}`,
    map: map!,
    round: numbers.round,
  });
}

/** A file is a Round 2 iff its name says `-round-2.txt` (spec §2). */
export function isRoundTwoFile(name: StatsFileName): boolean {
  return name.round === 2;
}

/**
 * Seconds since an arbitrary epoch of the name's naive local date-time, for ordering and gaps.
 * Local wall-clock arithmetic: an autumn DST change repeats an hour and can reorder rounds (spec §2).
 */
export function localSeconds(name: Pick<StatsFileName, "date" | "time">): number {
  const [year, month, day] = name.date.split("-").map(Number) as [number, number, number];
  const hour = Number(name.time.slice(0, 2));
  const minute = Number(name.time.slice(2, 4));
  const second = Number(name.time.slice(4, 6));
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}
