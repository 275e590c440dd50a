/** Number and time formats shared by cards and embeds. */

/** `1234567` → `1,234,567`. */
export function thousands(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Fixed decimals, `–` for null. */
export function fixed(value: number | null, decimals: number): string {
  return value === null || !Number.isFinite(value) ? "–" : value.toFixed(decimals);
}

/** A percentage with one decimal, `–` for null. */
export function percent(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "–" : `${value.toFixed(1)}%`;
}

/** `754` → `12:34` (minutes:seconds). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** `5400` → `1h 30m`; under an hour `42m`. */
export function hoursMinutes(seconds: number): string {
  const minutes = Math.max(0, Math.round(seconds / 60));
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h}h ${String(minutes % 60).padStart(2, "0")}m` : `${minutes}m`;
}

/** The header's `M:SS` time limit strings as seconds, null when unparsable. */
export function limitSeconds(text: string | null): number | null {
  const match = text?.match(/^(\d+):(\d{2})$/);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
