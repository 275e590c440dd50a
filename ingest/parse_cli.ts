/**
 * `deno task parse <file> [--round1 <file>]`: prints a parsed stats file as JSON on stdout.
 * With `--round1`, a Round 2 file is turned into Round 2-only numbers. Exit 0 on success; 1 with a
 * typed error as JSON on stderr when a file is bad; 2 on a usage error.
 */
import { basename } from "node:path";
import { parseStatsFile } from "../domain/parse_stats_file.ts";
import { roundOneCandidacy } from "../domain/pick_round_one.ts";
import { roundTwoOnly } from "../domain/round_two_only.ts";

const USAGE = `usage: deno task parse <stats-file> [--round1 <round-1-stats-file>]

Prints the parsed round as JSON. A Round 2 file on its own holds cumulative numbers
(Round 1 + Round 2); give its Round 1 with --round1 to get Round 2-only numbers.`;

type CliError = { code: string; message: string; [more: string]: unknown };

function fail(error: CliError): never {
  console.error(JSON.stringify({ error }, null, 2));
  Deno.exit(1);
}

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  Deno.exit(2);
}

function parseArgs(args: string[]): { file: string; roundOne: string | null } {
  let file: string | null = null;
  let roundOne: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      Deno.exit(0);
    } else if (arg === "--round1") {
      roundOne = args[++i] ?? usage("--round1 needs a file");
    } else if (arg.startsWith("--round1=")) {
      roundOne = arg.slice("--round1=".length);
    } else if (arg.startsWith("-")) {
      usage(`unknown option ${arg}`);
    } else if (file === null) {
      file = arg;
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  return { file: file ?? usage("missing <stats-file>"), roundOne };
}

async function parseFile(path: string, role: string) {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    fail({
      code: "unreadable_file",
      message: `cannot read ${role} ${path}: ${e instanceof Error ? e.message : String(e)}`,
      path,
    });
  }
  const parsed = parseStatsFile(basename(path), bytes);
  if (!parsed.ok) fail({ ...parsed.error, file: path });
  return parsed.value;
}

const { file, roundOne } = parseArgs(Deno.args);
const round = await parseFile(file, "stats file");
if (roundOne === null) {
  if (round.values === "cumulative") {
    console.error(
      "note: Round 2 parsed without --round1: its numbers are cumulative (Round 1 + Round 2)",
    );
  }
  console.log(JSON.stringify(round, null, 2));
} else {
  const first = await parseFile(roundOne, "Round 1 file");
  const candidacy = roundOneCandidacy(round.file, first.file);
  if (candidacy !== "exact" && candidacy !== "candidate") {
    fail({
      code: "round_one_mismatch",
      message: `${first.file.fileName} cannot be the Round 1 of ${round.file.fileName}: ${
        candidacy.replaceAll("_", " ")
      }`,
      reason: candidacy,
    });
  }
  const result = roundTwoOnly(first, round);
  if (!result.ok) fail(result.error);
  console.log(JSON.stringify(result.value, null, 2));
}
