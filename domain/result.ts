/** Outcome of an operation that can fail on bad input: a value, or a typed error. Never thrown. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a successful value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a typed error. */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
