/** Column layout of `round_players`, derived from the domain's field table so they never drift. */
import { EXTENDED_FIELDS, type ExtendedFieldKey } from "../domain/extended_fields.ts";

/** snake_case column of an extended field (`multikill2x` → `multikill_2x`). */
export function fieldColumn(key: ExtendedFieldKey): string {
  return key.replace(/([A-Z])/g, "_$1").toLowerCase().replace(/^multikill(\d)/, "multikill_$1");
}

/** Every column of `round_players` with its SQL type, in insert order. */
export const PLAYER_ROW_COLUMNS: readonly (readonly [string, string])[] = [
  ["round_id", "integer"],
  ["guid", "text"],
  ["written_guid", "text"],
  ["name", "text"],
  ["raw_name", "text"],
  ["team", "integer"],
  ["is_bot", "boolean"],
  ["line", "integer"],
  ["differential", "text"],
  ["kills", "integer"],
  ["deaths", "integer"],
  ["headshots", "integer"],
  ["hits", "integer"],
  ["shots", "integer"],
  ["played_seconds", "integer"],
  ["time_dead_seconds", "integer"],
  ["mvp_score", "double precision"],
  ...EXTENDED_FIELDS.map((field) =>
    [fieldColumn(field.key), field.type === "int" ? "integer" : "double precision"] as const
  ),
];

export const WEAPON_ROW_COLUMNS: readonly (readonly [string, string])[] = [
  ["round_id", "integer"],
  ["guid", "text"],
  ["weapon_id", "integer"],
  ["hits", "integer"],
  ["shots", "integer"],
  ["kills", "integer"],
  ["deaths", "integer"],
  ["headshots", "integer"],
];

const ARRAY_TYPES: Record<string, string> = {
  integer: "int[]",
  text: "text[]",
  boolean: "bool[]",
  "double precision": "float8[]",
};

/**
 * `insert into <table> (cols) select * from unnest($1::text::int[], …)`: one array parameter per
 * column, much cheaper for the server than unpacking JSON for thousands of rows. Arrays travel as
 * PostgreSQL array literals in text, so both engines read them the same way.
 */
export function unnestInsert(
  table: string,
  columns: readonly (readonly [string, string])[],
): string {
  const names = columns.map(([name]) => name).join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::text::${ARRAY_TYPES[type]}`).join(", ");
  return `insert into ${table} (${names}) select * from unnest(${arrays})`;
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `"${String(value).replace(/[\\"]/g, "\\$&")}"`;
}

/** Rows (objects keyed by column) as one array literal per column, in column order. */
export function columnArrays(
  columns: readonly (readonly [string, string])[],
  rows: readonly Record<string, unknown>[],
): string[] {
  return columns.map(([name]) => `{${rows.map((row) => arrayElement(row[name])).join(",")}}`);
}
