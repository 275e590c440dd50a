/** A `like` pattern matching `query` anywhere, any case (with `lower(column) like $n`). */
export function containsPattern(query: string): string {
  return `%${query.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
}
