/** Largest value any stored counter may hold (PostgreSQL `integer`, spec §11 #12). */
export const MAX_COUNTER = 2 ** 31 - 1;

/** True for a finite number in 0..{@link MAX_COUNTER}. */
export function isCounterValue(value: number): boolean {
  return value >= 0 && value <= MAX_COUNTER;
}

/** Clamps a recomputed value into 0..max (non-finite becomes 0). */
export function clampTo(value: number, max: number = MAX_COUNTER): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value > max ? max : value;
}
