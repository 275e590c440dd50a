/** Converting the naive server-local times of file names to UTC, with the server's IANA zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when the runtime knows the IANA zone name (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function offsetMs(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a naive local `YYYY-MM-DDTHH:MM:SS` in `timeZone`. In the autumn hour that
 * repeats, the earlier (summer-time) instant is chosen; a time skipped in spring moves forward.
 */
export function localToUtcMs(localDateTime: string, timeZone: string): number {
  const [date, time] = localDateTime.split("T") as [string, string];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(":").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const day_ = 86_400_000;
  // The offsets a day before and after bracket any change; try both and keep what maps back.
  const candidates = [
    wall - offsetMs(wall - day_, timeZone),
    wall - offsetMs(wall + day_, timeZone),
  ]
    .sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + offsetMs(candidate, timeZone) === wall) return candidate;
  }
  return candidates[1]!;
}
